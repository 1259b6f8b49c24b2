package io.convoc.letters;

import io.convoc.letters.TextStyle.Align;
import io.convoc.letters.Typesetter.Line;
import io.convoc.letters.Typesetter.Paragraph;
import io.convoc.letters.Typesetter.Run;
import io.convoc.letters.Typesetter.Word;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypesetterTest {
    private static final LetterFonts FONTS = LetterFonts.load();
    private static final Typesetter TYPESETTER = new Typesetter(FONTS);
    private static final TextStyle ARABIC = new TextStyle(Face.NASKH, 10, 14, true, Align.START, 0);
    private static final TextStyle FRENCH = new TextStyle(Face.SANS, 9, 12, false, Align.START, 0);

    /** The characters of a line as drawn, left to right, words separated by one space. */
    private static String visual(Line line) {
        return line.words().stream()
                .map(w -> w.runs().stream().map(Run::text).collect(Collectors.joining()))
                .collect(Collectors.joining(" "));
    }

    private static String visual(String text, TextStyle style) {
        Paragraph p = TYPESETTER.typeset(text, style, 1000);
        assertEquals(1, p.lines().size());
        return visual(p.lines().get(0));
    }

    @Test
    void numbersAndLatinRunsInsideArabicKeepTheirOrder() {
        // drawn left to right: the range, the times and the reference read as typed
        assertTrue(visual("يومي 20-21 دجنبر", ARABIC).contains("20-21"));
        assertTrue(visual("من 09:30 – 12:30", ARABIC).startsWith("09:30 – 12:30"));
        assertTrue(visual("رقم: ANRA-2024/0153", ARABIC).startsWith("ANRA-2024/0153"));
        assertTrue(visual("الهاتف +212 6 12 34 56 78", ARABIC).startsWith("+212 6 12 34 56 78"));
    }

    @Test
    void isolatesWrapEveryLatinOrNumberRun() {
        assertEquals("في \u206620-21\u2069 دجنبر \u20662024\u2069",
                Typesetter.isolateLeftToRight("في 20-21 دجنبر 2024"));
        assertEquals("السيدة \u2066Élodie Durand\u2069 المحترم",
                Typesetter.isolateLeftToRight("السيدة Élodie Durand المحترم"));
        assertEquals("بدون أرقام", Typesetter.isolateLeftToRight("بدون أرقام"));
    }

    @Test
    void arabicIsShapedAndDrawnRightToLeft() {
        String drawn = visual("المملكة المغربية", ARABIC);
        // presentation forms, in visual order: the second word is drawn first (leftmost)
        assertTrue(drawn.chars().allMatch(c -> c == ' ' || (c >= 0xFE70 && c <= 0xFEFF)), drawn);
        String[] words = drawn.split(" ");
        assertEquals("المغربية", logical(words[0]));
        assertEquals("المملكة", logical(words[1]));
    }

    @Test
    void lamAlefBecomesOneLigature() {
        String drawn = visual("الإمام", ARABIC);
        assertTrue(drawn.indexOf('\uFEF9') >= 0 || drawn.indexOf('\uFEFA') >= 0, drawn); // lam with hamza-below alef
    }

    @Test
    void harakatStayCombiningMarks() {
        String drawn = visual("مُحَمَّد", ARABIC);
        assertTrue(drawn.indexOf('\u0651') >= 0, "shadda"); // not the spacing form U+FE7C
        // drawn after its letter, shadda first, the vowel stacked on it
        assertTrue(drawn.contains("\uFEE4\u0651\u064E"), drawn);
        assertFalse(drawn.chars().anyMatch(c -> c >= 0xFE70 && c <= 0xFE7F), drawn);
    }

    @Test
    void bracketsAreMirroredInRightToLeftText() {
        String drawn = visual("الرباط (المغرب)", ARABIC);
        assertTrue(drawn.startsWith("(") && drawn.contains(")"), drawn);
        assertTrue(visual("«الجهوية المتقدمة»", ARABIC).startsWith("«"));
    }

    @Test
    void eachScriptIsDrawnWithItsOwnFace() {
        Line line = TYPESETTER.typeset("السيد Élodie ⵜⴰⴳⵍⴷⵉⵜ", ARABIC, 1000).lines().get(0);
        for (Word word : line.words()) {
            for (Run run : word.runs()) {
                int first = run.text().codePointAt(0);
                Face expected = first >= 0xFE70 ? Face.NASKH : first >= 0x2D30 ? Face.TIFINAGH : Face.SANS;
                assertEquals(expected, run.face(), run.text());
            }
        }
    }

    @Test
    void linesBreakBetweenWordsWithinTheWidth() {
        String text = "J’ai l’honneur de vous inviter à prendre part aux travaux de la rencontre suivante";
        Paragraph p = TYPESETTER.typeset(text, FRENCH, 120);
        assertTrue(p.lines().size() > 2);
        for (Line line : p.lines()) {
            assertTrue(line.width() <= 120.01f, line.width() + " wide");
        }
        String rejoined = p.lines().stream().map(TypesetterTest::visual).collect(Collectors.joining(" "));
        assertEquals(text, rejoined);
    }

    @Test
    void arabicLinesBreakOnLogicalWords() {
        String text = "يشرفني أن أدعوكم للمشاركة في أشغال الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة";
        Paragraph p = TYPESETTER.typeset(text, ARABIC, 150);
        assertTrue(p.lines().size() > 1);
        // the first line holds the first words of the sentence
        String firstLine = logical(visual(p.lines().get(0)));
        assertTrue(firstLine.startsWith("يشرفني أن"), firstLine);
    }

    @Test
    void anArabicValueInAFrenchLineIsIsolatedAndKeepsItsGuillemetsPaired() {
        // an event title that has only an Arabic form, quoted in the French column
        String drawn = visual("Thème : « الجهوية المتقدمة (الدورة الثانية) » à Tanger", FRENCH);
        assertTrue(drawn.startsWith("Thème : « ("), drawn); // the Arabic run is drawn right to left inside « »
        assertTrue(drawn.endsWith(" » à Tanger"), drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '«').count(), drawn);
        String arabic = drawn.substring("Thème : « ".length(), drawn.length() - " » à Tanger".length());
        assertEquals("الجهوية المتقدمة (الدورة الثانية)", logical(arabic).replace(")", "\0").replace("(", ")")
                .replace("\0", "("));
        // an Arabic-only name in the French salutation
        assertTrue(visual("Monsieur إدريس الحسني, Président", FRENCH).startsWith("Monsieur "));
        assertTrue(visual("Monsieur إدريس الحسني, Président", FRENCH).endsWith(", Président"));
    }

    @Test
    void arabicRunsOfFrenchLinesAreWrappedInFirstStrongIsolates() {
        assertEquals("« \u2068الجهوية المتقدمة (الدورة الثانية)\u2069 »",
                Typesetter.isolateRightToLeft("« الجهوية المتقدمة (الدورة الثانية) »"));
        assertEquals("Monsieur \u2068إدريس الحسني\u2069, Président",
                Typesetter.isolateRightToLeft("Monsieur إدريس الحسني, Président"));
        assertEquals("Tanger", Typesetter.isolateRightToLeft("Tanger"));
    }

    @Test
    void unknownCharactersBecomeAQuestionMark() {
        assertEquals("a?b", visual("a\uD83D\uDE00b", FRENCH)); // no face has an emoji
    }

    /** Back to logical order: undo the visual reversal and the presentation forms. */
    private static String logical(String visualText) {
        String reversed = new StringBuilder(visualText).reverse().toString();
        return Normalizer.normalize(reversed, Normalizer.Form.NFKC);
    }
}
