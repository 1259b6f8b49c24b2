package io.convoc.core.letters;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.ExportFiles;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterBinder;
import io.convoc.core.ports.LetterDownloadLog;
import io.convoc.core.ports.LetterExportRepository;
import io.convoc.core.ports.Page;
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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export's states, with ports in memory: what is retried, what fails at once, what is done only once. (The real
 * PDF, S3 and DynamoDB are in the letter-export function's tests on the local cloud.)
 */
class LetterExporterTest {
    private static final Instant AT = Instant.parse("2024-12-02T09:00:00Z");
    private static final Requester BY = new Requester("u-1", "protocole.tanger", "protocol", "196.200.1.10", "ua");

    private final Map<String, LetterExport> stored = new HashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<LetterDownload> audit = new ArrayList<>();
    private final List<String> bound = new ArrayList<>();
    private int fetchFailures;

    private final LetterExportRepository exports = new LetterExportRepository() {
        public void create(LetterExport e) {
            stored.put(e.id(), e);
        }

        public Optional<LetterExport> find(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        public Optional<LetterExport> start(String id, Instant at) {
            LetterExport e = stored.get(id);
            if (e == null || e.finished()) {
                return Optional.empty();
            }
            e = new LetterExport(id, e.selection(), LetterExport.State.RUNNING, e.requestedBy(), e.requestedAt(),
                    e.startedAt() == null ? at : e.startedAt(), null, null, 0, 0, 0, 0, 0, null, e.attempts() + 1);
            stored.put(id, e);
            return Optional.of(e);
        }

        public void ready(String id, String key, int letters, int skipped, int pages, int cover, long bytes,
                          Instant at) {
            LetterExport e = stored.get(id);
            stored.put(id, new LetterExport(id, e.selection(), LetterExport.State.READY, e.requestedBy(),
                    e.requestedAt(), e.startedAt(), at, key, letters, skipped, pages, cover, bytes, null, e.attempts()));
        }

        public void fail(String id, String reason, Instant at) {
            LetterExport e = stored.get(id);
            stored.put(id, new LetterExport(id, e.selection(), LetterExport.State.FAILED, e.requestedBy(),
                    e.requestedAt(), e.startedAt(), at, null, 0, 0, 0, 0, 0, reason, e.attempts()));
        }
    };

    private final RegistrationRepository repository = new RegistrationRepository() {
        public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
            List<Registration> selected = registrations.stream().filter(query::keeps)
                    .filter(r -> query.category() == null || r.category() == query.category())
                    .sorted(Comparator.comparing(Registration::protocolKey)).toList();
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(selected.size(), from + limit);
            return new Page<>(selected.subList(from, to), to < selected.size() ? String.valueOf(to) : null);
        }

        public Optional<Registration> find(String id) {
            return registrations.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        public void create(Registration registration) {
            throw new UnsupportedOperationException();
        }

        public Optional<String> findIdByEmail(String eventId, String email) {
            throw new UnsupportedOperationException();
        }

        public boolean recordLetter(String id, int previous, LetterInfo letter, Instant at) {
            throw new UnsupportedOperationException();
        }

        public boolean markScheduleChanged(String id, int change, Instant at) {
            throw new UnsupportedOperationException();
        }

        public void recordLetterFailure(String id, String reason, Instant at) {
            throw new UnsupportedOperationException();
        }
    };

    private final LetterArchive archive = new LetterArchive() {
        public void store(String key, byte[] pdf, String sha256) {
            throw new UnsupportedOperationException();
        }

        public Optional<byte[]> fetch(String key) {
            if (fetchFailures > 0) {
                fetchFailures--;
                throw new IllegalStateException("S3 throttled");
            }
            return Optional.of(key.getBytes());
        }
    };

    private final LetterBinder binder = (programme, selection, at) -> new LetterBinder.Binding() {
        public int add(LetterBinder.Entry entry, byte[] pdf) {
            bound.add(entry.reference());
            return 1;
        }

        public LetterBinder.Bound writeTo(OutputStream out) {
            try {
                out.write(String.join(",", bound).getBytes());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return new LetterBinder.Bound(bound.size() + 1, 1, bound.size());
        }

        public void close() {
        }
    };

    private final ExportFiles exportFiles = key -> new ExportFiles.Upload() {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public OutputStream out() {
            return out;
        }

        public long complete() {
            files.put(key, out.toByteArray());
            return out.size();
        }

        public void abort() {
        }
    };

    private final LetterDownloadLog log = new LetterDownloadLog() {
        public void record(LetterDownload d) {
            audit.add(d);
        }

        public void recordAll(List<LetterDownload> ds) {
            audit.removeIf(a -> ds.stream().anyMatch(d -> d.id().equals(a.id())
                    && d.registrationId().equals(a.registrationId())));
            audit.addAll(ds);
        }

        public Page<LetterDownload> byRegistration(String id, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        public Page<LetterDownload> byUser(String subject, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        public Map<String, LetterDownload> lastOf(Collection<String> ids) {
            throw new UnsupportedOperationException();
        }
    };

    private final ProgrammeRepository programmes = new ProgrammeRepository() {
        public Optional<Programme> find(String eventId) {
            return eventId.equals("assises-2024") ? Optional.of(TestProgrammes.assises()) : Optional.empty();
        }

        public void save(Programme programme) {
            throw new UnsupportedOperationException();
        }

        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            throw new UnsupportedOperationException();
        }
    };

    private final LetterExporter exporter = new LetterExporter(programmes, repository, exports, archive, binder,
            exportFiles, log, Clock.fixed(AT, ZoneOffset.UTC), Runnable::run);

    private Registration registration(String lastName, Category category, boolean withLetter) {
        Registration r = new Registration("id-" + lastName, "assises-2024", null,
                new PersonName("A", lastName, ""), "", "", category, "", null, lastName + "@example.ma", null, null,
                List.of(), RegistrationSource.IMPORT, RegistrationStatus.RECEIVED, null, null, AT, AT);
        if (withLetter) {
            r = r.withLetter(new LetterInfo(1, "REF-" + lastName, "letters/" + lastName, "sha", AT), AT);
        }
        registrations.add(r);
        return r;
    }

    private String queued(LetterSelection selection) {
        LetterExport e = LetterExport.queued("exp-1", selection, BY, AT.minusSeconds(5));
        exports.create(e);
        return e.id();
    }

    private static LetterSelection ready() {
        return new LetterSelection("assises-2024", null, null, null, null, List.of());
    }

    @Test
    void bindsTheReadyLettersInProtocolOrderRecordsEachAsExportedOnceAndIsDoneOnlyOnce() {
        registration("Tazi", Category.PRESS, true);
        registration("Alami", Category.EXPERT, true);
        registration("Bennani", Category.GOVERNMENT_MEMBER, true);
        registration("Zahri", Category.EXPERT, false);
        String id = queued(ready());

        assertEquals(LetterExporter.Outcome.READY, exporter.run(id, false, () -> true));
        assertEquals(List.of("REF-Bennani", "REF-Alami", "REF-Tazi"), bound);
        LetterExport done = stored.get(id);
        assertEquals(3, done.letters());
        assertEquals("exports/assises-2024/exp-1.pdf", done.key());
        assertEquals("REF-Bennani,REF-Alami,REF-Tazi", new String(files.get(done.key())));
        assertEquals(3, audit.size());
        assertTrue(audit.stream().allMatch(d -> d.kind() == LetterDownload.Kind.EXPORT && d.exportId().equals(id)
                && d.by().equals(BY) && d.at().equals(AT)), audit.toString());

        assertEquals(LetterExporter.Outcome.ALREADY_FINISHED, exporter.run(id, false, () -> true));
        assertEquals(3, audit.size(), "a request delivered twice makes one export");
        assertEquals(LetterExporter.Outcome.UNKNOWN, exporter.run("nope", false, () -> true));
    }

    @Test
    void aFailureIsLeftForTheQueueToRetryUntilTheLastAttemptWhichMarksTheExportFailed() {
        registration("Alami", Category.EXPERT, true);
        String id = queued(ready());
        fetchFailures = 1;
        assertThrows(IllegalStateException.class, () -> exporter.run(id, false, () -> true));
        assertEquals(LetterExport.State.RUNNING, stored.get(id).state(), "the queue will bring it back");
        assertEquals(LetterExporter.Outcome.READY, exporter.run(id, false, () -> true), "the retry makes it");
        assertEquals(2, stored.get(id).attempts());
        assertEquals(AT, stored.get(id).startedAt(), "the first start is kept");

        String other = "exp-2";
        exports.create(LetterExport.queued(other, ready(), BY, AT));
        fetchFailures = 1;
        assertEquals(LetterExporter.Outcome.FAILED, exporter.run(other, true, () -> true));
        assertTrue(stored.get(other).reason().startsWith("error: "), stored.get(other).reason());
    }

    @Test
    void anExportThatCannotEndInTimeFailsAtOnceAndOneWithNothingToBindSaysSo() {
        registration("Alami", Category.EXPERT, true);
        String id = queued(ready());
        assertEquals(LetterExporter.Outcome.FAILED, exporter.run(id, false, () -> false));
        assertTrue(stored.get(id).reason().startsWith("too_long"), stored.get(id).reason());

        exports.create(LetterExport.queued("exp-3", new LetterSelection("assises-2024", Category.PRESS, null, null,
                null, List.of()), BY, AT));
        assertEquals(LetterExporter.Outcome.FAILED, exporter.run("exp-3", false, () -> true));
        assertTrue(stored.get("exp-3").reason().startsWith("no_letters"), stored.get("exp-3").reason());
        assertTrue(files.isEmpty(), "nothing written");
    }
}
