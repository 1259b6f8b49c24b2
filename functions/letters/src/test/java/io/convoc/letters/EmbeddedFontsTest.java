package io.convoc.letters;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five fonts' subsets as one TrueType program: each font finds its own glyphs, outlines and widths there. */
class EmbeddedFontsTest {

    @Test
    void eachFontDrawsItsOwnGlyphsFromTheOneSharedProgram() throws IOException {
        LetterFonts fonts = LetterRenderer.shared().fonts();
        Map<Face, String> text = new LinkedHashMap<>();
        text.put(Face.SANS, "Aé z1ô«");
        text.put(Face.SANS_BOLD, "Bè Z2»");
        // presentation forms, some of which are composite glyphs (a dotless letter and its dots)
        text.put(Face.NASKH, "\uFE91\uFE98\uFEE7\uFEB7\uFEFB\uFE8E\u064E\u0651 ");
        text.put(Face.NASKH_BOLD, "\uFE92\uFE97\uFEE8\uFEB8\uFEFC\uFE8D\u0650 ");
        text.put(Face.TIFINAGH, "\u2D5C\u2D30\u2D33 ");
        EmbeddedFonts embedded = new EmbeddedFonts(fonts);
        text.forEach((face, s) -> s.codePoints().forEach(cp -> embedded.use(face, cp)));

        try (PDDocument document = new PDDocument()) {
            COSDictionary resources = embedded.build(document.getDocument());
            Set<COSBase> programs = new HashSet<>();
            Set<Integer> cids = new HashSet<>();
            int composites = 0;
            for (Map.Entry<Face, String> entry : text.entrySet()) {
                Face face = entry.getKey();
                PDType0Font font = (PDType0Font) PDFontFactory.createFont(
                        (COSDictionary) resources.getDictionaryObject(embedded.resourceName(face)));
                PDCIDFontType2 cidFont = (PDCIDFontType2) font.getDescendantFont();
                programs.add(cidFont.getFontDescriptor().getFontFile2().getCOSObject());
                var original = fonts.font(face).ttf;
                for (int cp : entry.getValue().codePoints().toArray()) {
                    int cid = embedded.cid(face, cp);
                    int gid = fonts.glyph(face, cp);
                    assertTrue(cids.add(cid), face + " U+" + Integer.toHexString(cp) + " takes another's CID " + cid);
                    var glyph = original.getGlyph().getGlyph(gid);
                    composites += glyph.getDescription().isComposite() ? 1 : 0;
                    List<String> expected = segments(glyph.getPath());
                    assertEquals(cp == ' ', expected.isEmpty(), face + " U+" + Integer.toHexString(cp));
                    assertEquals(expected, segments(cidFont.getPath(cid)), face + " U+" + Integer.toHexString(cp));
                    float advance = fonts.advance(face, cp);
                    assertEquals(advance, cidFont.getWidth(cid), 0.5f, "W of " + face + " U+" + Integer.toHexString(cp));
                    assertEquals(advance, cidFont.getWidthFromFont(cid), 0.5f,
                            "program's advance of " + face + " U+" + Integer.toHexString(cp));
                }
            }
            assertEquals(1, programs.size(), "one font program for the five fonts");
            assertTrue(composites >= 2, "composite glyphs checked: " + composites);
        }
    }

    /** A path's segments, each its type and coordinates rounded to a hundredth of a unit. */
    private static List<String> segments(GeneralPath path) {
        List<String> out = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            StringBuilder s = new StringBuilder().append(type);
            int points = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 1;
                case PathIterator.SEG_QUADTO -> 2;
                case PathIterator.SEG_CUBICTO -> 3;
                default -> 0;
            };
            for (int i = 0; i < 2 * points; i++) {
                s.append(' ').append(Math.round(c[i] * 100));
            }
            out.add(s.toString());
        }
        return out;
    }
}
