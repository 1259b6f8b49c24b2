package io.convoc.letters;

import io.convoc.letters.TextStyle.Align;
import io.convoc.letters.Typesetter.Run;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Harakat placed by the fonts' GPOS anchors, read back glyph by glyph from the letter's content stream. */
class MarkPositionTest {
    private static final LetterFonts FONTS = LetterFonts.load();
    private static final Typesetter TYPESETTER = new Typesetter(FONTS);
    private static final TextStyle ARABIC = new TextStyle(Face.NASKH_BOLD, 14, 18, true, Align.START, 0);
    private static List<TextPosition> glyphs;
    private static String text;

    /** Every glyph as the content stream draws it (before PDFBox merges marks into their letters). */
    private static final class Glyphs extends PDFTextStripper {
        final List<TextPosition> seen = new ArrayList<>();

        @Override
        protected void processTextPosition(TextPosition position) {
            seen.add(position);
            super.processTextPosition(position);
        }
    }

    @BeforeAll
    static void render() throws IOException {
        byte[] pdf = HarakatSample.render();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Glyphs stripper = new Glyphs();
            text = stripper.getText(document);
            glyphs = stripper.seen;
        }
    }

    /** The glyph drawn for {@code unicode} right after (in drawing order) ... the n-th one. */
    private static TextPosition find(String unicode, int nth) {
        int seen = 0;
        for (TextPosition p : glyphs) {
            if (p.getUnicode().equals(unicode) && seen++ == nth) {
                return p;
            }
        }
        return null;
    }

    /** The base glyph a mark is drawn over: the nearest non-mark glyph of the same line whose box holds it. */
    private static TextPosition baseUnder(TextPosition mark) {
        TextPosition best = null;
        for (TextPosition p : glyphs) {
            if (p.getWidthDirAdj() > 0 && Math.abs(p.getYDirAdj() - mark.getYDirAdj()) < 6
                    && !LetterFonts.isMark(p.getUnicode().codePointAt(0)) && p.getXDirAdj() <= mark.getXDirAdj() + 1
                    && mark.getXDirAdj() <= p.getXDirAdj() + p.getWidthDirAdj()) {
                best = p;
            }
        }
        return best;
    }

    @Test
    void shaddaAndFathaAreStackedNotDrawnAtOneSpot() {
        // the second meem of مُحَمَّدٌ: the shadda on the letter, the fatha on the shadda (read back: y grows down)
        TextPosition shadda = null;
        TextPosition fatha = null;
        for (TextPosition s : glyphs) {
            for (TextPosition p : glyphs) {
                if (s.getUnicode().equals("\u0651") && p.getUnicode().equals("\u064E") && fatha == null
                        && Math.abs(p.getXDirAdj() - s.getXDirAdj()) < 1
                        && Math.abs(p.getYDirAdj() - s.getYDirAdj()) < 10) {
                    shadda = s;
                    fatha = p;
                }
            }
        }
        assertNotNull(fatha, "no fatha drawn on a shadda");
        // 14 pt letters: the fatha sits a good point and a half higher than the shadda, at the same x
        assertTrue(shadda.getYDirAdj() - fatha.getYDirAdj() > 1.5f,
                "fatha at y " + fatha.getYDirAdj() + ", shadda at y " + shadda.getYDirAdj());
        TextPosition meem = baseUnder(shadda);
        assertNotNull(meem, "shadda over no letter");
        assertTrue(meem.getYDirAdj() - shadda.getYDirAdj() > 0.5f, "shadda not raised over its letter");
    }

    @Test
    void marksAreRaisedAndCentredOnTheirLettersByTheirAnchors() {
        // the fatha of أَمِينٌ and the kasra under its meem: the rise (Ts) read back differs from the letters'
        TextPosition fatha = find("\u064E", 0);
        TextPosition kasra = find("\u0650", 0);
        assertNotNull(fatha);
        assertNotNull(kasra);
        TextPosition fathaBase = baseUnder(fatha);
        assertNotNull(fathaBase, "fatha drawn over no letter");
        // y grows downwards in these coordinates: a mark above its letter has a smaller y than the letter
        assertTrue(fathaBase.getYDirAdj() - fatha.getYDirAdj() > 0.5f,
                "fatha not raised: " + fatha.getYDirAdj() + " vs letter " + fathaBase.getYDirAdj());
        assertTrue(fatha.getYDirAdj() != kasra.getYDirAdj(), "fatha and kasra at one height");
    }

    @Test
    void aMarkOnAMarkIsStackedByMarkToMarkAnchors() {
        // hamza above written as a combining mark (U+0654) with a fatha on it: mark-to-mark, read from the run
        Run run = TYPESETTER.typeset("\u0627\u0654\u064E", ARABIC, 1000).lines().get(0).words().get(0).runs()
                .get(0);
        int[] cps = run.text().codePoints().toArray();
        int hamza = indexOf(cps, 0x0654);
        int fatha = indexOf(cps, 0x064E);
        assertNotNull(run.y());
        assertTrue(run.y()[fatha] > run.y()[hamza] + 50, "fatha " + run.y()[fatha] + ", hamza " + run.y()[hamza]);
    }

    @Test
    void latinPairsAreKernedAsTheFontSays() {
        float kern = FONTS.kerning(Face.SANS, 'A', 'V');
        assertTrue(kern < 0, "A-V kerning " + kern);
        TextStyle french = new TextStyle(Face.SANS, 10, 12, false, Align.START, 0);
        Run av = TYPESETTER.typeset("AV", french, 1000).lines().get(0).words().get(0).runs().get(0);
        assertEquals((FONTS.advance(Face.SANS, 'A') + kern) / 100f, av.x()[1] / 100f, 0.001f);
    }

    @Test
    void extractedTextKeepsTheNameWithItsHarakat() {
        // each mark drawn after its letter, inside it: PDFBox merges them; compared in Unicode's canonical order
        String logical = Normalizer.normalize(text, Normalizer.Form.NFC);
        assertTrue(logical.contains(Normalizer.normalize("السيد " + HarakatSample.NAME + " المحترم",
                Normalizer.Form.NFC)), text);
    }

    private static int indexOf(int[] cps, int cp) {
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == cp) {
                return i;
            }
        }
        throw new AssertionError(Integer.toHexString(cp) + " not drawn");
    }
}
