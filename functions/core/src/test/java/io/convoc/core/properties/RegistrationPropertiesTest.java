package io.convoc.core.properties;

import io.convoc.core.TestProgrammes;
import io.convoc.core.csv.CsvCells;
import io.convoc.core.event.Language;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.registration.RegistrationValidator;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.LetterCharset;
import io.convoc.core.validation.Messages;
import io.convoc.core.validation.TextRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any registration a hostile tester can send: either accepted, with every printed field drawable by the letter's
 * fonts (never a '?') and no control or bidi character, or refused with InvalidInput naming known fields, with
 * messages that quote only a short escaped excerpt. Never any other exception.
 */
class RegistrationPropertiesTest {
    private static final Set<String> FIELDS = Set.of("eventId", "civility", "firstName", "lastName", "arabicName",
            "titleFr", "titleAr", "category", "organisation", "region", "email", "mobile", "languages", "workshops");
    private final RegistrationValidator validator = new RegistrationValidator();

    @Provide
    Arbitrary<String> hostile() {
        return HostileText.maybeNull();
    }

    @Property(tries = 2000)
    void everyRegistrationIsAcceptedPrintableOrRefusedNamingItsFields(
            @ForAll("hostile") String first, @ForAll("hostile") String last, @ForAll("hostile") String arabic,
            @ForAll("hostile") String title, @ForAll("hostile") String organisation, @ForAll("hostile") String civility,
            @ForAll("hostile") String email, @ForAll("hostile") String mobile, @ForAll("hostile") String languages,
            @ForAll("hostile") String workshop) {
        RegistrationRequest r = new RegistrationRequest("assises-2024", civility, first, last, arabic, title, title,
                "Expert", organisation, null, email, mobile, languages, workshop == null ? List.of() : List.of(workshop));
        try {
            RegistrationValidator.Valid v = validator.validate(r, TestProgrammes.assises());
            for (String printed : new String[]{v.name().firstName(), v.name().lastName(), v.name().arabicName(),
                    v.titleFr(), v.titleAr(), v.organisation()}) {
                if (printed != null) {
                    printed.codePoints().forEach(cp -> assertTrue(LetterCharset.accepts(cp)
                            || TextRules.isDirectionalMark(cp) || cp == 0x200C || cp == 0x200D,
                            "would print as '?': " + TextRules.named(cp)));
                }
            }
            assertTrue(v.email() == null || v.email().chars().allMatch(c -> c > 0x20 && c < 0x7F), v.email());
        } catch (InvalidInput e) {
            assertFalse(e.errors().isEmpty());
            for (FieldError error : e.errors()) {
                assertTrue(FIELDS.contains(error.field()), error.field());
                for (Language language : Language.all()) {
                    String message = Messages.error(language, error);
                    assertTrue(message.length() < 400, message);
                    assertTrue(message.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                            || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                            || Character.getType(cp) == Character.SURROGATE), message);
                }
            }
        }
    }

    @Property(tries = 2000)
    void anExportedCellNeverStartsAFormula(@ForAll("hostile") String value) {
        String cell = CsvCells.neutralise(value);
        assertTrue(cell.isEmpty() || "=+-@\t\r\n＝＋－＠".indexOf(cell.charAt(0)) < 0, cell);
    }
}
