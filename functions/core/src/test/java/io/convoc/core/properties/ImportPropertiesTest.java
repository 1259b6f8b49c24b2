package io.convoc.core.properties;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.imports.ImportReport;
import io.convoc.core.imports.ImportRow;
import io.convoc.core.imports.RegistrationImport;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.LetterCharset;
import io.convoc.core.validation.TextRules;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any CSV file a hostile tester can upload (cells of hostile text, quotes, separators, line breaks, formulas, U+FFFD
 * where bytes were not UTF-8): either refused as a whole with InvalidInput (unreadable, unknown columns, not UTF-8),
 * or answered row by row, one result a data row, every stored name drawable; importing it again creates nothing.
 */
class ImportPropertiesTest {
    private static final String HEADER = "civilité,prénom,nom,nom en arabe,catégorie,courriel,téléphone,ateliers\n";

    static final class Store implements RegistrationRepository {
        final Map<String, Registration> byId = new ConcurrentHashMap<>();
        final Map<String, String> claims = new ConcurrentHashMap<>();
        final Programme programme = TestProgrammes.assises();

        final ProgrammeRepository programmes = new ProgrammeRepository() {
            public Optional<Programme> find(String eventId) {
                return programme.event().id().equals(eventId) ? Optional.of(programme) : Optional.empty();
            }

            public void save(Programme p) {
            }

            public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
                return false;
            }
        };

        public void create(Registration r) {
            String existing = claims.putIfAbsent(r.eventId() + "#" + Registration.emailKey(r.email()), r.id());
            if (existing != null) {
                throw new DuplicateRegistration(r.eventId(), existing);
            }
            byId.put(r.id(), r);
        }

        public Optional<Registration> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        public Optional<String> findIdByEmail(String eventId, String email) {
            return Optional.ofNullable(claims.get(eventId + "#" + Registration.emailKey(email)));
        }

        public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        public boolean recordLetter(String registrationId, int expectedPreviousVersion, LetterInfo letter, Instant at) {
            return false;
        }

        public boolean markScheduleChanged(String registrationId, int changeNumber, Instant at) {
            return false;
        }

        public void recordLetterFailure(String registrationId, String reason, Instant at) {
        }
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> cell = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, HostileText.strings().map(s -> s.length() > 300 ? s.substring(0, 300) : s)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("Monsieur", "Madame", "Alaoui", "كريم", "Expert", "Presse",
                        "a@example.ma", "b@example.ma", "0612345678", "ws-numerique", "\"quoted, cell\"", "")));
        Arbitrary<String> row = cell.list().ofSize(8).map(cells -> String.join(",", cells));
        return row.list().ofMinSize(1).ofMaxSize(12).map(rows -> HEADER + String.join("\n", rows) + "\n");
    }

    @Property(tries = 1000)
    void everyFileIsAnsweredRowByRowOrRefusedAndAgainCreatesNothing(@ForAll("files") String csv) {
        Store store = new Store();
        RegistrationService service = new RegistrationService(store.programmes, store, Clock.systemUTC());
        RegistrationImport imports = new RegistrationImport(service, 4);
        String eventId = store.programme.event().id();
        ImportReport first;
        try {
            first = imports.importCsv(eventId, csv);
        } catch (InvalidInput e) {
            assertFalse(e.errors().isEmpty());
            e.errors().forEach(f -> assertTrue(f.field().length() <= 3 * TextRules.EXCERPT + 16, f.field()));
            return;
        }
        for (ImportRow row : first.results()) {
            assertTrue(row.row() >= 2);
        }
        for (Registration r : store.byId.values()) {
            String printed = r.name().firstName() + r.name().lastName() + r.name().arabicName();
            printed.codePoints().forEach(cp -> assertTrue(LetterCharset.accepts(cp) || TextRules.isDirectionalMark(cp)
                    || cp == 0x200C || cp == 0x200D || printed.startsWith("null"), TextRules.named(cp)));
        }
        int stored = store.byId.size();
        assertEquals(stored, first.results().stream().filter(r -> r.outcome() == ImportRow.Outcome.CREATED).count());
        ImportReport again = imports.importCsv(eventId, csv);
        assertEquals(stored, store.byId.size(), "a second run creates nothing");
        assertEquals(0, again.results().stream().filter(r -> r.outcome() == ImportRow.Outcome.CREATED).count());
    }
}
