package io.convoc.core.programme;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quiet window and the fan-out as a state machine, with the ports kept in memory. */
class ScheduleChangesTest {
    private static final Instant T0 = Instant.parse("2024-12-10T10:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private Programme programme = TestProgrammes.assises();
    private final Map<String, PendingEdit> pending = new HashMap<>();
    private final Map<Integer, ProgrammeChange> changes = new HashMap<>();
    private final List<SettleRequest> queued = new ArrayList<>();
    private final Map<String, Integer> marks = new HashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private int markCalls;
    private int crashAfterMarks = Integer.MAX_VALUE;

    private final ProgrammeRepository programmes = new ProgrammeRepository() {
        public Optional<Programme> find(String eventId) {
            return Optional.of(programme);
        }

        public void save(Programme p) {
            programme = p;
        }

        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            programme = programme.with(session);
            return true;
        }
    };

    private final ProgrammeChangeLog log = new ProgrammeChangeLog() {
        public void recordEdit(String eventId, String sessionId, ProgrammeSession baseline, int version, Instant at) {
            PendingEdit open = pending.get(sessionId);
            pending.put(sessionId, open == null ? new PendingEdit(eventId, sessionId, baseline, at, version)
                    : new PendingEdit(eventId, sessionId, open.baseline(), open.openedAt(), version));
        }

        public Optional<PendingEdit> pending(String eventId, String sessionId) {
            return Optional.ofNullable(pending.get(sessionId));
        }

        public boolean discard(String eventId, String sessionId, int version) {
            return pending.remove(sessionId) != null;
        }

        public int nextChangeNumber(String eventId) {
            return changes.size() + 1;
        }

        public boolean close(ProgrammeChange change) {
            PendingEdit open = pending.get(change.sessionId());
            if (open == null || open.latestVersion() != change.sessionVersion()) {
                return false;
            }
            pending.remove(change.sessionId());
            changes.put(change.number(), change);
            return true;
        }

        public Optional<ProgrammeChange> changeAt(String eventId, String sessionId, int sessionVersion) {
            return changes.values().stream().filter(c -> c.sessionId().equals(sessionId)
                    && c.sessionVersion() == sessionVersion).findFirst();
        }

        public Optional<ProgrammeChange> change(String eventId, int number) {
            return Optional.ofNullable(changes.get(number));
        }

        public void saveFanOut(String eventId, int number, ProgrammeChange.FanOut progress) {
            changes.put(number, changes.get(number).withFanOut(progress));
        }
    };

    /** Registrations in protocol order; the cursor is the index of the next one. Marking can be made to crash. */
    private final RegistrationRepository repository = new RegistrationRepository() {
        public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
            List<Registration> audience = registrations.stream().filter(r -> query.workshop() == null
                    || r.workshops().contains(query.workshop())).toList();
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(audience.size(), from + limit);
            return new Page<>(audience.subList(from, to), to < audience.size() ? String.valueOf(to) : null);
        }

        public boolean markScheduleChanged(String registrationId, int changeNumber, Instant at) {
            if (++markCalls > crashAfterMarks) {
                throw new IllegalStateException("killed");
            }
            Integer previous = marks.get(registrationId);
            if (previous != null && previous >= changeNumber) {
                return false;
            }
            marks.put(registrationId, changeNumber);
            return true;
        }

        public void create(Registration registration) {
            throw new UnsupportedOperationException();
        }

        public Optional<Registration> find(String id) {
            throw new UnsupportedOperationException();
        }

        public Optional<String> findIdByEmail(String eventId, String email) {
            throw new UnsupportedOperationException();
        }

        public boolean recordLetter(String id, int expectedPreviousVersion, LetterInfo letter, Instant at) {
            throw new UnsupportedOperationException();
        }

        public void recordLetterFailure(String registrationId, String reason, Instant at) {
            throw new UnsupportedOperationException();
        }
    };

    private ScheduleChanges service() {
        return new ScheduleChanges(programmes, log, (request, delay) -> queued.add(request), repository,
                Duration.ofMinutes(5), clock);
    }

    private void register(int count, String workshop, Instant at) {
        for (int i = 0; i < count; i++) {
            registrations.add(new Registration(workshop + "-" + i, "assises-2024", null,
                    new PersonName("P", "N" + i, ""), "", "", Category.EXPERT, "", null, i + "@example.ma", null, null,
                    List.of(workshop), RegistrationSource.IMPORT, RegistrationStatus.LETTER_READY, null, null, at, at));
        }
    }

    private ProgrammeSession edit(String sessionId, String roomFr) {
        return edit(sessionId, Bilingual.of(roomFr, roomFr));
    }

    private ProgrammeSession edit(String sessionId, Bilingual room) {
        ProgrammeSession before = programme.session(sessionId).orElseThrow();
        ProgrammeSession after = new ProgrammeSession(before.id(), before.kind(), before.title(), before.start(),
                before.end(), room, SessionStatus.SCHEDULED, before.version() + 1);
        programmes.saveSession("assises-2024", after, before.version());
        service().onSessionEdited("assises-2024", before, after);
        return after;
    }

    @Test
    void threeEditsInsideTheWindowSettleIntoOneChangeFromTheFirstStateToTheLast() {
        register(3, "ws-numerique", T0.minusSeconds(3600));
        ProgrammeSession original = programme.session("ws-numerique").orElseThrow();
        edit("ws-numerique", "Salle 4");
        edit("ws-numerique", "Salle 5");
        ProgrammeSession last = edit("ws-numerique", "Salle 6");
        assertEquals(3, queued.size());
        List<ScheduleChanges.Outcome> outcomes = queued.stream().map(r -> service().settle(r, () -> true)).toList();
        assertEquals(List.of(ScheduleChanges.Outcome.SUPERSEDED, ScheduleChanges.Outcome.SUPERSEDED,
                ScheduleChanges.Outcome.FANNED_OUT), outcomes);
        assertEquals(1, changes.size());
        ProgrammeChange change = changes.get(1);
        assertEquals(original, change.before());
        assertEquals(last, change.after());
        assertEquals(Map.of("ws-numerique-0", 1, "ws-numerique-1", 1, "ws-numerique-2", 1), marks);
        assertEquals(ScheduleChanges.Outcome.FANNED_OUT, service().settle(queued.get(2), () -> true), "replayed");
        assertEquals(3, markCalls, "a replay after the fan-out marks no one again");
    }

    @Test
    void anEditRevertedInsideTheWindowSendsNothing() {
        register(2, "ws-numerique", T0.minusSeconds(3600));
        Bilingual original = programme.session("ws-numerique").orElseThrow().room();
        edit("ws-numerique", "Salle 4");
        edit("ws-numerique", original);
        assertEquals(ScheduleChanges.Outcome.REVERTED, service().settle(queued.get(1), () -> true));
        assertTrue(changes.isEmpty());
        assertTrue(marks.isEmpty());
        assertTrue(pending.isEmpty(), "the window is closed: the next edit opens a new one");
    }

    @Test
    void aFanOutKilledHalfWayResumesFromItsLastSavedPageWithNoGapAndNoDuplicate() {
        register(250, "ws-numerique", T0.minusSeconds(3600));
        register(40, "ws-stress-hydrique", T0.minusSeconds(3600));
        register(5, "ws-numerique", T0.plusSeconds(60)); // registered after the edit: their first letter shows it
        edit("ws-numerique", "Salle 4");
        crashAfterMarks = 150;
        assertThrows(IllegalStateException.class, () -> service().settle(queued.get(0), () -> true));
        assertEquals(100, changes.get(1).fanOut().concerned(), "the first page was saved");
        crashAfterMarks = Integer.MAX_VALUE;
        assertEquals(ScheduleChanges.Outcome.FANNED_OUT, service().settle(queued.get(0), () -> true));
        assertEquals(250, marks.size());
        assertTrue(marks.keySet().stream().allMatch(id -> id.startsWith("ws-numerique-")));
        assertEquals(250, changes.get(1).fanOut().concerned());
        assertTrue(changes.get(1).fanOut().done());
    }

    @Test
    void aFanOutOutOfTimeSaysSoAfterEachPageAndTheNextRequestGoesOn() {
        register(250, "ws-numerique", T0.minusSeconds(3600));
        edit("ws-numerique", "Salle 4");
        List<ScheduleChanges.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(service().settle(queued.get(0), () -> false));
        }
        assertEquals(List.of(ScheduleChanges.Outcome.MORE, ScheduleChanges.Outcome.MORE,
                ScheduleChanges.Outcome.FANNED_OUT), outcomes);
        assertEquals(250, marks.size());
        assertEquals(250, markCalls, "each registration marked once");
    }
}
