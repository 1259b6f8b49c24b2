package io.convoc.letters;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The ActualText of a line, against a model of poppler's reordering ({@link PopplerTextTest} runs the real one). */
class ActualTextTest {

    /**
     * poppler's {@code reorderText} on a page read left to right: stretches from a right-to-left letter up to a
     * left-to-right letter or a "number" character (digits and their separators) are reversed in place.
     */
    private static String popplerReads(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && !rightToLeft(text.charAt(j))) {
                j++;
            }
            out.append(text, i, j);
            i = j;
            while (j < text.length() && !leftToRightOrNumber(text.charAt(j))) {
                j++;
            }
            out.append(new StringBuilder(text.substring(i, j)).reverse());
            i = j;
        }
        return out.toString();
    }

    private static String withoutMarks(String text) {
        return text.replace(String.valueOf(ActualText.LRM), "").replace(String.valueOf(ActualText.RLM), "");
    }

    private static boolean rightToLeft(char c) {
        int d = UCharacter.getDirection(c);
        return d == UCharacterDirection.RIGHT_TO_LEFT || d == UCharacterDirection.RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean leftToRightOrNumber(char c) {
        return switch (UCharacter.getDirection(c)) {
            case UCharacterDirection.LEFT_TO_RIGHT, UCharacterDirection.EUROPEAN_NUMBER,
                    UCharacterDirection.EUROPEAN_NUMBER_SEPARATOR, UCharacterDirection.EUROPEAN_NUMBER_TERMINATOR,
                    UCharacterDirection.COMMON_NUMBER_SEPARATOR, UCharacterDirection.ARABIC_NUMBER -> true;
            default -> false;
        };
    }

    @Test
    void popplerTurnsTheActualTextBackIntoTheTypedLine() {
        for (String typed : List.of("السيد Jean-Pierre Dupont المحترم", "طنجة، يومي 20 و21 دجنبر 2024",
                "الرباط، في 30 جمادى الأولى 1446 هـ (2 دجنبر 2024)", "«الجهوية المتقدمة بين تحديات الحاضر والمستقبل»",
                "منتخب(ة) بالمجلس الجماعي رقم 12", "سلام تام بوجود مولانا الإمام، وبعد،", "رقم: ANRA-2024/0210",
                "Monsieur إدريس الحسني, Président", "الرسالة رقم ANRA-2024/0210", "مُحَمَّدٌ أَمِينٌ",
                "السيد مُحَمَّدٌ، (أَمِينٌ) 12", "رئيس (مكلف) بالمهمة")) {
            String actualText = ActualText.of(typed);
            assertNotNull(actualText, typed);
            assertEquals(typed, withoutMarks(popplerReads(actualText)), typed);
        }
    }

    @Test
    void isolatesAroundLatinRunsAreNotPartOfTheText() {
        String typed = "السيد \u2066Jean-Pierre Dupont\u2069 المحترم";
        assertEquals("السيد Jean-Pierre Dupont المحترم", withoutMarks(popplerReads(ActualText.of(typed))));
    }

    @Test
    void onlyMarksWherePopplerWouldOtherwiseCarryASpaceOrABracketAlong() {
        // after السيد a space (kept out of the reversal by a mark); after طنجة a comma, which ends it by itself
        assertEquals("ديسلا\u200E Jean-Pierre Dupont مرتحملا", ActualText.of("السيد Jean-Pierre Dupont المحترم"));
        assertEquals("ةجنط، يموي\u200E 20 و21", ActualText.of("طنجة، يومي 20 و21"));
    }

    @Test
    void linesPopplerReadsRightFromTheirGlyphsHaveNone() {
        assertNull(ActualText.of("وزارة الداخلية"));
        assertNull(ActualText.of("Monsieur Jean-Pierre Dupont"));
        assertNull(ActualText.of("ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ"));
        // a lam-alef ligature or harakat: poppler would give the ligature's code point, or the marks out of place;
        // brackets: drawn mirrored, and poppler does not mirror them back
        assertNotNull(ActualText.of("الجلالة"));
        assertNotNull(ActualText.of("مُحَمَّدٌ"));
        assertNotNull(ActualText.of("رئيس (مكلف) بالمهمة"));
    }
}
