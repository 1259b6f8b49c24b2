package io.convoc.core.invitations;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.validation.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvitationCodesTest {
    private static final Instant NOW = Instant.parse("2024-12-01T10:00:00Z");
    private final List<InvitationCode> stored = new ArrayList<>();

    private final ProgrammeRepository programmes = new ProgrammeRepository() {
        public Optional<Programme> find(String eventId) {
            return Optional.of(TestProgrammes.assises());
        }

        public void save(Programme programme) {
        }

        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            return false;
        }
    };

    private final InvitationCodeRepository repository = new InvitationCodeRepository() {
        public boolean create(InvitationCode code) {
            return stored.add(code);
        }

        public Optional<InvitationCode> find(String eventId, String code) {
            return stored.stream().filter(c -> c.code().equals(code)).findFirst();
        }

        public List<InvitationCode> list(String eventId) {
            return stored;
        }

        public boolean use(String eventId, String code, Instant now) {
            return false;
        }

        public void release(String eventId, String code) {
        }
    };

    private final InvitationCodes codes = new InvitationCodes(programmes, repository,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCodeGrantsItsCategoryUntilTheEventIsOverByDefault() {
        InvitationCode code = codes.create("assises-2024", new InvitationCodeDraft(" Région de l’Oriental ",
                "Président(e) de région", "L'Oriental", "12", null), "organisateur.dgct");
        assertTrue(code.code().matches("[ACDEFGHJKMNPQRTUVWXYZ234679]{4}-[ACDEFGHJKMNPQRTUVWXYZ234679]{4}-"
                + "[ACDEFGHJKMNPQRTUVWXYZ234679]{4}"), code.code());
        assertEquals("Région de l’Oriental", code.delegation());
        assertEquals(Category.REGION_PRESIDENT, code.category());
        assertEquals(Instant.parse("2024-12-21T23:00:00Z"), code.expiresAt(), "end of the event's last day, Tanger time");
        assertEquals(code, codes.find("assises-2024", code.code().toLowerCase().replace("-", " ")).orElseThrow());
    }

    @Test
    void everyFieldInErrorIsNamed() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> codes.create("assises-2024",
                new InvitationCodeDraft(" ", "Astronaute", "Mars", "0", "2024-11-30T00:00:00Z"), "o"));
        assertEquals("delegation:required,category:unknown_value,region:unknown_value,maxUses:out_of_range,"
                + "expiresAt:out_of_range", e.errors().stream().map(f -> f.field() + ":" + f.code())
                .collect(Collectors.joining(",")));
    }

    @Test
    void typedCodesAreReadWhateverTheirCaseAndSeparators() {
        assertEquals("TNGR-4KQM-2XDA", InvitationCodes.normalise(" tngr 4kqm-2xda "));
        assertEquals("TNGR-4KQM-2XDA", InvitationCodes.normalise("TNGR4KQM2XDA"));
        assertEquals("SHORT", InvitationCodes.normalise("short"));
    }
}
