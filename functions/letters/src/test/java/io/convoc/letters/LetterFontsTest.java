package io.convoc.letters;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterFontsTest {
    private static final LetterFonts FONTS = LetterFonts.load();

    @Test
    void denseCmapAgreesWithTheFontsOwn() throws IOException {
        for (Face face : Face.values()) {
            LetterFonts.Font font = FONTS.font(face);
            var cmap = font.ttf.getUnicodeCmapLookup();
            for (int cp = 0; cp < 0x10000; cp++) {
                assertEquals(cmap.getGlyphId(cp), font.glyph(cp), face + " U+" + Integer.toHexString(cp));
            }
        }
    }

    @Test
    void eachFaceCoversItsScript() {
        assertTrue(FONTS.has(Face.NASKH, 'ب') && FONTS.has(Face.NASKH, '\uFEFB'), "Arabic and lam-alef");
        assertTrue(FONTS.has(Face.SANS_BOLD, 'é') && FONTS.has(Face.SANS, '’'), "French");
        assertTrue(FONTS.has(Face.TIFINAGH, 'ⵜ'), "Tifinagh");
    }

    @Test
    void fontsAreShippedWithTheirLicence() {
        assertTrue(LetterFonts.class.getResource("/io/convoc/letters/fonts/OFL.txt") != null);
    }
}
