package io.convoc.core.registration;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Language;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationValidatorTest {
    private final RegistrationValidator validator = new RegistrationValidator();

    static RegistrationRequest valid() {
        return new RegistrationRequest("assises-2024", "Madame", "Fatima Zahra", "El Idrissi", "فاطمة الزهراء الإدريسي",
                "Experte", "خبيرة", "Expert national / international", "Université", "Tanger-Tétouan-Al Hoceïma",
                "fz@example.ma", "06 61 23 45 67", "ar", List.of("ws-stress-hydrique", "التحول الرقمي للجماعات الترابية"));
    }

    private List<FieldError> errorsOf(RegistrationRequest r) {
        return assertThrows(InvalidInput.class, () -> validator.validate(r, TestProgrammes.assises())).errors();
    }

    @Test
    void acceptsAValidRequestAndNormalisesIt() {
        RegistrationValidator.Valid v = validator.validate(valid(), TestProgrammes.assises());
        assertEquals(Civility.MADAME, v.civility());
        assertEquals(Category.EXPERT, v.category());
        assertEquals(Region.TANGER_TETOUAN_AL_HOCEIMA, v.region());
        assertEquals("+212661234567", v.mobile());
        assertEquals(LanguagePreference.AR, v.languages());
        assertEquals(List.of("ws-stress-hydrique", "ws-numerique"), v.workshops());
    }

    @Test
    void aMobileAbroadIsRefusedUnlessTheEventAllowsSmsAbroad() {
        RegistrationRequest french = new RegistrationRequest("assises-2024", "Monsieur", "Jean", "Dupont", "", "", "",
                "Délégation étrangère", "", null, "jd@example.fr", "+33 6 12 34 56 78", "fr", List.of());
        assertEquals("mobile:foreign_mobile", errorsOf(french).stream().map(e -> e.field() + ":" + e.code())
                .reduce((x, y) -> x + "," + y).orElse(""));
        var assises = TestProgrammes.assises();
        var e = assises.event();
        var abroad = new io.convoc.core.event.Programme(new io.convoc.core.event.Event(e.id(), e.name(), e.theme(),
                e.patronage(), e.city(), e.venue(), e.startDate(), e.endDate(), e.zone(), e.organizers(), e.signatory(),
                e.issuingPlace(), e.practicalInformation(), e.referencePrefix(), true), assises.sessions());
        assertEquals("+33612345678", validator.validate(french, abroad).mobile());
    }

    @ParameterizedTest
    @CsvSource({"0612345678,+212612345678", "+212 7 00 12 34 56,+212700123456", "00212612345678,+212612345678",
            "+33 6 12 34 56 78,+33612345678"})
    void normalisesMobileNumbersToE164WithMoroccoAsDefault(String typed, String e164) {
        assertEquals(e164, RegistrationValidator.mobile(typed, new java.util.ArrayList<>()));
    }

    @Test
    void refusesALandlineForSms() {
        List<FieldError> errors = errorsOf(with(valid(), "mobile", "0522 22 34 56"));
        assertEquals(List.of(FieldError.of("mobile", "not_mobile", "0522 22 34 56")), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "a b@example.ma", "a@@example.ma", ".a@example.ma", "a..b@example.ma"})
    void refusesMalformedEmailAddresses(String email) {
        assertEquals(List.of(FieldError.of("email", "invalid_email")), errorsOf(with(valid(), "email", email)));
    }

    @Test
    void refusesBidiOverridesAndControlCharactersInNames() {
        List<FieldError> errors = errorsOf(new RegistrationRequest("assises-2024", null, "Ali\u202E", "X\u0007",
                "علي\u2067", null, null, "Presse", null, null, "a@example.ma", null, null, List.of()));
        assertEquals(List.of(FieldError.of("firstName", "bidi_control", "U+202E"),
                FieldError.of("lastName", "control_character", "U+0007"),
                FieldError.of("arabicName", "bidi_control", "U+2067")), errors);
    }

    @Test
    void acceptsANameInArabicScriptOnlyButNotNoNameAtAll() {
        RegistrationRequest arabicOnly = new RegistrationRequest("assises-2024", null, null, null, "عمر بنجلون", null,
                null, "PRESS", null, null, "o@example.ma", null, null, List.of());
        assertEquals("عمر بنجلون", validator.validate(arabicOnly, TestProgrammes.assises()).name().arabicName());
        RegistrationRequest none = new RegistrationRequest("assises-2024", null, " ", null, "", null, null, "PRESS",
                null, null, "o@example.ma", null, null, List.of());
        assertEquals(List.of(FieldError.of("lastName", "name_required")), errorsOf(none));
    }

    @Test
    void refusesNamesOverTheLengthBound() {
        assertEquals(List.of(FieldError.of("lastName", "too_long", 100)),
                errorsOf(with(valid(), "lastName", "x".repeat(101))));
    }

    @Test
    void reportsEveryErrorNotOnlyTheFirst() {
        RegistrationRequest bad = new RegistrationRequest("assises-2024", "Docteur", null, null, null, null, null,
                "Astronaute", null, "Atlantide", "nope", "12", "klingon", List.of("ws-inconnu"));
        List<String> fields = errorsOf(bad).stream().map(FieldError::field).toList();
        assertEquals(List.of("civility", "lastName", "category", "region", "email", "mobile", "languages",
                "workshops"), fields);
    }

    @Test
    void refusesAWorkshopThatIsNotInTheProgramme() {
        List<FieldError> errors = errorsOf(new RegistrationRequest("assises-2024", null, "A", "B", null, null, null,
                "Presse", null, null, "a@example.ma", null, null, List.of("opening", "ws-quantique")));
        assertEquals(List.of(FieldError.of("workshops", "unknown_workshop", List.of("opening", "ws-quantique"))),
                errors);
    }

    @Test
    void errorMessagesReadInFrenchAndArabic() {
        FieldError e = FieldError.of("lastName", "too_long", 100);
        assertEquals("Ce champ dépasse 100 caractères.", Messages.error(Language.FR, e));
        assertEquals("يتجاوز هذا الحقل 100 حرفا.", Messages.error(Language.AR, e));
    }

    @Test
    void frenchWordsStayFrenchOnAServerWhoseDefaultLocaleIsArabic() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-MA"));
            assertEquals("Madame", Messages.label(Language.FR, Civility.MADAME));
            assertEquals("السيدة", Messages.label(Language.AR, Civility.MADAME));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void languagePreferenceDefaultsToBoth() {
        RegistrationValidator.Valid v = validator.validate(with(valid(), "languages", null), TestProgrammes.assises());
        assertEquals(LanguagePreference.BOTH, v.languages());
        assertNull(validator.validate(with(valid(), "mobile", ""), TestProgrammes.assises()).mobile());
        assertTrue(Messages.label(Language.FR, Region.ORIENTAL).startsWith("L'"));
    }

    static RegistrationRequest with(RegistrationRequest r, String field, String value) {
        return new RegistrationRequest(r.eventId(), r.civility(), r.firstName(),
                field.equals("lastName") ? value : r.lastName(), r.arabicName(), r.titleFr(), r.titleAr(),
                r.category(), r.organisation(), r.region(), field.equals("email") ? value : r.email(),
                field.equals("mobile") ? value : r.mobile(), field.equals("languages") ? value : r.languages(),
                r.workshops());
    }
}
