package io.convoc.core.registration;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Language;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.Keys;
import io.convoc.core.validation.Messages;
import io.convoc.core.validation.TextRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10: what a person would not want on an official letter, and what Arabic keyboards add. */
class HostileTextRulesTest {
    private final RegistrationValidator validator = new RegistrationValidator();

    private static RegistrationRequest with(String first, String last, String arabic, String languages, String region) {
        return new RegistrationRequest("assises-2024", "Monsieur", first, last, arabic, null, null, "Expert", null,
                region, "k@example.ma", null, languages, List.of());
    }

    private List<String> errors(RegistrationRequest r) {
        return assertThrows(InvalidInput.class, () -> validator.validate(r, TestProgrammes.assises())).errors()
                .stream().map(e -> e.field() + ":" + e.code()).toList();
    }

    @Test
    void directionalMarksAreStrippedFromChoicesAndTrimmedFromText() {
        RegistrationValidator.Valid v = validator.validate(with("\u200FKarim", "Alaoui\u200E", "\u061Cكريم\u200F",
                "ar\u200F", "\u200Fالشرق"), TestProgrammes.assises());
        assertEquals(LanguagePreference.AR, v.languages());
        assertEquals(Region.ORIENTAL, v.region());
        assertEquals("Karim", v.name().firstName());
        assertEquals("Alaoui", v.name().lastName());
        assertEquals("كريم", v.name().arabicName());
    }

    @Test
    void invisibleOnlyHalvesOfCharactersLostCharactersAndUndrawableOnesAreRefusedByName() {
        assertEquals(List.of("lastName:invisible_only"), errors(with(null, "\u200B\u2060\u00AD", null, null, null)));
        assertEquals(List.of("lastName:invalid_character"), errors(with(null, "A\ud800B", null, null, null)));
        assertEquals(List.of("lastName:unreadable_character"), errors(with(null, "civilit\uFFFD", null, null, null)));
        assertEquals(List.of("firstName:unsupported_character"), errors(with("Karim 😀", "Alaoui", null, null, null)));
        assertEquals(List.of("lastName:unsupported_character"), errors(with(null, "王", null, null, null)));
        InvalidInput e = assertThrows(InvalidInput.class, () -> validator.validate(with("👨‍👩‍👧", "Alaoui", null, null, null),
                TestProgrammes.assises()));
        FieldError error = e.errors().get(0);
        assertTrue(Messages.error(Language.FR, error).contains("U+1F468 MAN"), Messages.error(Language.FR, error));
        assertTrue(Messages.error(Language.AR, error).contains("تيفيناغ"), Messages.error(Language.AR, error));
    }

    @Test
    void errorsQuoteAShortEscapedExcerptOfWhatWasTyped() {
        String typed = "\u202E\u0000" + "x".repeat(5000);
        String message = Messages.error(Language.FR, assertThrows(InvalidInput.class, () -> validator.validate(
                new RegistrationRequest("assises-2024", typed, null, "Alaoui", null, null, null, "Expert", null, null,
                        "k@example.ma", null, null, List.of()), TestProgrammes.assises())).errors().get(0));
        assertTrue(message.length() < 100, message);
        assertTrue(message.contains("\\u{202E}\\u{0000}xxx"), message);
        assertFalse(message.contains("\u202E"), message);
        assertEquals("a\\\\b", TextRules.excerpt("a\\b"));
    }

    @Test
    void keysAreShortAsciiIdentifiers() {
        assertTrue(Keys.isKey("assises-2024"));
        assertTrue(Keys.isKey("0b6c1c1e-4a0e-4c4e-9d7e-1b2c3d4e5f60"));
        assertFalse(Keys.isKey("x".repeat(129)));
        assertFalse(Keys.isKey("a\ud800"));
        assertFalse(Keys.isKey("a b"));
        assertFalse(Keys.isKey(""));
        assertFalse(Keys.isKey(null));
    }
}
