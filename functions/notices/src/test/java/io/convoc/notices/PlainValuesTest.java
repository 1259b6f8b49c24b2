package io.convoc.notices;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainValuesTest {

    @Test
    void lineBreaksAndControlsBecomeOneSpace() {
        assertEquals("Karim Bcc: x@example.ma", PlainValues.oneLine("Karim\r\nBcc: x@example.ma"));
        assertEquals("a b c d", PlainValues.oneLine(" a\u2028b\u0085c\t\u0000d "));
        assertEquals("", PlainValues.oneLine(null));
    }

    @Test
    void bidiOverridesCannotDisguiseAName() {
        // U+202E would display "Karim gpj.exe" as "Karim exe.jpg"
        assertEquals("Karim gpj.exe", PlainValues.oneLine("Karim \u202Egpj.exe\u202C"));
        assertEquals("كريم", PlainValues.oneLine("\u2067كريم\u2069"));
    }

    @Test
    void paragraphsKeepTheirBreaksAndLoseBlankLines() {
        assertEquals(List.of("Accueil à 08h30.", "Tenue de ville."),
                PlainValues.paragraphs("Accueil à 08h30.\r\n\r\n  Tenue de ville.\n"));
    }

    @Test
    void aTextMissingInOneLanguageIsTakenFromTheOther() {
        assertEquals("Tanger", PlainValues.in(Bilingual.of("Tanger", ""), Language.AR));
        assertEquals("طنجة", PlainValues.in(Bilingual.of("Tanger", "طنجة"), Language.AR));
    }
}
