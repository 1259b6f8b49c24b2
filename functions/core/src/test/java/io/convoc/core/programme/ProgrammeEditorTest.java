package io.convoc.core.programme;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgrammeEditorTest {

    /** The programme in memory, with the repository's compare-and-set on the session version. */
    private static final class Stored implements ProgrammeRepository {
        Programme programme = TestProgrammes.assises();

        @Override
        public Optional<Programme> find(String eventId) {
            return programme.event().id().equals(eventId) ? Optional.of(programme) : Optional.empty();
        }

        @Override
        public void save(Programme p) {
            programme = p;
        }

        @Override
        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            int stored = programme.session(session.id()).map(ProgrammeSession::version).orElse(0);
            if (stored != expectedVersion) {
                return false;
            }
            programme = programme.with(session);
            return true;
        }
    }

    private final Stored stored = new Stored();
    private final ProgrammeEditor editor = new ProgrammeEditor(stored);

    private static SessionDraft draft(String start, String end, String roomFr, String status) {
        return new SessionDraft(null, "WORKSHOP", "La transformation numérique des collectivités territoriales",
                "التحول الرقمي للجماعات الترابية", start, end, roomFr, "القاعة 9", status);
    }

    private static String fields(InvalidInput e) {
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).collect(Collectors.joining(","));
    }

    @Test
    void anEditMakesTheNextVersionAndAStaleOneIsRefusedWithTheCurrentSession() {
        ProgrammeSession moved = editor.update("assises-2024", "ws-numerique", 1,
                draft("2024-12-21T15:00", "2024-12-21T18:00", "Salle 9", null));
        assertEquals(2, moved.version());
        assertEquals(SessionStatus.SCHEDULED, moved.status());
        StaleSession stale = assertThrows(StaleSession.class, () -> editor.update("assises-2024", "ws-numerique", 1,
                draft("2024-12-21T16:00", "2024-12-21T18:00", "Salle 9", null)));
        assertEquals(moved, stale.current());
        assertEquals(moved, stored.programme.session("ws-numerique").orElseThrow(), "the first edit is kept");
    }

    @Test
    void cancellingIsAStatusAndTheSessionStays() {
        ProgrammeSession cancelled = editor.update("assises-2024", "ws-numerique", 1,
                draft("2024-12-21T09:30", "2024-12-21T12:30", "Salle 3", "CANCELLED"));
        assertTrue(cancelled.isCancelled());
        assertTrue(stored.programme.session("ws-numerique").orElseThrow().isCancelled());
    }

    @Test
    void anEditThatChangesNothingVisibleMakesNoNewVersion() {
        ProgrammeSession current = stored.programme.session("ws-numerique").orElseThrow();
        ProgrammeSession same = editor.update("assises-2024", "ws-numerique", 1, new SessionDraft(null, null,
                current.title().fr(), current.title().ar(), " 2024-12-21T09:30", "2024-12-21T12:30",
                "Salle 3", "القاعة 3", null));
        assertSame(current, same);
    }

    @Test
    void everyFieldInErrorIsNamed() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> editor.add("assises-2024",
                new SessionDraft("Bad Id!", "PANEL", " ", "", "2024-12-22T10:00", "2024-12-22T09:00", "", null, null)));
        assertEquals("id:invalid_id,kind:unknown_value,title.fr:required,title.ar:required,room.fr:required,"
                + "room.ar:required,end:end_before_start,start:outside_event_dates,end:outside_event_dates", fields(e));
        InvalidInput time = assertThrows(InvalidInput.class, () -> editor.add("assises-2024",
                draft("20/12/2024 10h", null, "Salle 9", null)));
        assertEquals("start:invalid_datetime,end:required", fields(time));
    }

    @Test
    void twoSessionsInOneRoomAtOverlappingTimesAreRefusedNamingBoth() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> editor.add("assises-2024",
                draft("2024-12-21T11:00", "2024-12-21T13:00", "salle 1", null)));
        FieldError clash = e.errors().get(0);
        assertEquals("room.fr:room_clash", clash.field() + ":" + clash.code());
        assertEquals(List.of("La transformation numérique des collectivités territoriales",
                "La gestion du stress hydrique", "ws-stress-hydrique", "09:30", "12:30"), clash.args());
        // back to back, or in a cancelled session's room, is fine
        ProgrammeSession after = editor.add("assises-2024", draft("2024-12-21T12:30", "2024-12-21T14:00", "Salle 1",
                null));
        assertEquals("la-transformation-numerique-des-collecti", after.id());
        assertEquals(1, after.version());
    }
}
