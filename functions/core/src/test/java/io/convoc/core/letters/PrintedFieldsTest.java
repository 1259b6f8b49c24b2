package io.convoc.core.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What makes a new version of a letter ({@code LetterService.printedFieldsDiffer}): a change of any field the letter
 * prints does, one of anything else (contact data, status, the letter recorded itself) does not.
 */
class PrintedFieldsTest {
    private static final Instant AT = Instant.parse("2024-11-20T10:00:00Z");
    private static final Registration BASE = new Registration("r1", "assises-2024", Civility.MONSIEUR,
            new PersonName("Youssef", "Tazi", "يوسف التازي"), "Wali de la Région", "والي الجهة",
            Category.WALI_GOVERNOR, "Ministère de l’Intérieur", null, "y.tazi@example.ma", "+212612345678",
            LanguagePreference.BOTH, List.of("ws-numerique"), RegistrationSource.FORM, RegistrationStatus.RECEIVED,
            null, null, AT, AT, 0);

    private static Registration with(Civility civility, PersonName name, String titleFr, String titleAr,
                                     Category category, String organisation, LanguagePreference languages,
                                     List<String> workshops, int scheduleChange) {
        Registration b = BASE;
        return new Registration(b.id(), b.eventId(), civility, name, titleFr, titleAr, category, organisation,
                b.region(), b.email(), b.mobile(), languages, workshops, b.source(), b.status(), b.statusReason(),
                b.letter(), b.createdAt(), b.updatedAt(), scheduleChange);
    }

    @Test
    void everyPrintedFieldMakesANewVersion() {
        Registration b = BASE;
        Map<String, Registration> changes = Map.of(
                "civility", with(Civility.MADAME, b.name(), b.titleFr(), b.titleAr(), b.category(), b.organisation(),
                        b.languages(), b.workshops(), 0),
                "first name", with(b.civility(), new PersonName("Yassine", "Tazi", "يوسف التازي"), b.titleFr(),
                        b.titleAr(), b.category(), b.organisation(), b.languages(), b.workshops(), 0),
                "last name", with(b.civility(), new PersonName("Youssef", "Tazi Alami", "يوسف التازي"), b.titleFr(),
                        b.titleAr(), b.category(), b.organisation(), b.languages(), b.workshops(), 0),
                "Arabic name", with(b.civility(), new PersonName("Youssef", "Tazi", "يوسف التازي العلمي"), b.titleFr(),
                        b.titleAr(), b.category(), b.organisation(), b.languages(), b.workshops(), 0),
                "French title", with(b.civility(), b.name(), "Gouverneur", b.titleAr(), b.category(),
                        b.organisation(), b.languages(), b.workshops(), 0),
                "Arabic title", with(b.civility(), b.name(), b.titleFr(), "عامل", b.category(), b.organisation(),
                        b.languages(), b.workshops(), 0),
                "category", with(b.civility(), b.name(), b.titleFr(), b.titleAr(), Category.EXPERT, b.organisation(),
                        b.languages(), b.workshops(), 0),
                "organisation", with(b.civility(), b.name(), b.titleFr(), b.titleAr(), b.category(), "Wilaya de Tanger",
                        b.languages(), b.workshops(), 0));
        Map<String, Registration> more = Map.of(
                "languages", with(b.civility(), b.name(), b.titleFr(), b.titleAr(), b.category(), b.organisation(),
                        LanguagePreference.AR, b.workshops(), 0),
                "workshops", with(b.civility(), b.name(), b.titleFr(), b.titleAr(), b.category(), b.organisation(),
                        b.languages(), List.of("ws-numerique", "ws-mobilite"), 0),
                "a programme change concerning the person", with(b.civility(), b.name(), b.titleFr(), b.titleAr(),
                        b.category(), b.organisation(), b.languages(), b.workshops(), 3));
        for (Map<String, Registration> m : List.of(changes, more)) {
            m.forEach((field, changed) -> {
                assertTrue(LetterService.printedFieldsDiffer(BASE, changed), field + " is printed");
                assertTrue(LetterService.printedFieldsDiffer(changed, BASE), field + " is printed (back)");
            });
        }
    }

    @Test
    void whatTheLetterDoesNotPrintMakesNoNewVersion() {
        Registration b = BASE;
        Map<String, UnaryOperator<Registration>> changes = Map.of(
                "e-mail", r -> new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(),
                        r.category(), r.organisation(), r.region(), "other@example.ma", r.mobile(), r.languages(),
                        r.workshops(), r.source(), r.status(), r.statusReason(), r.letter(), r.createdAt(),
                        r.updatedAt(), r.scheduleChange()),
                "mobile", r -> new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(),
                        r.category(), r.organisation(), r.region(), r.email(), "+212700000000", r.languages(),
                        r.workshops(), r.source(), r.status(), r.statusReason(), r.letter(), r.createdAt(),
                        r.updatedAt(), r.scheduleChange()),
                "status", r -> r.withStatus(RegistrationStatus.LETTER_FAILED, "font missing", AT.plusSeconds(60)),
                "the letter recorded", r -> r.withLetter(new LetterInfo(1, "ANRA-2024/0007", "letters/x/v1.pdf",
                        "00", AT), AT.plusSeconds(60)),
                "the same workshops, a new list", r -> new Registration(r.id(), r.eventId(), r.civility(), r.name(),
                        r.titleFr(), r.titleAr(), r.category(), r.organisation(), r.region(), r.email(), r.mobile(),
                        r.languages(), new java.util.ArrayList<>(r.workshops()), r.source(), r.status(),
                        r.statusReason(), r.letter(), r.createdAt(), AT.plusSeconds(60), r.scheduleChange()));
        changes.forEach((field, change) ->
                assertFalse(LetterService.printedFieldsDiffer(b, change.apply(b)), field + " is not printed"));
    }
}
