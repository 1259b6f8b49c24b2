package io.convoc.letters;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.HeaderTable;
import org.apache.fontbox.ttf.HorizontalHeaderTable;
import org.apache.fontbox.ttf.HorizontalMetricsTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed fonts, shared by every letter of the JVM: parsing costs far more than rendering a letter, so it is
 * done once; each document then embeds subsets of these fonts ({@link EmbeddedFonts}).
 *
 * <p>Thread safety: fontbox reads a table lazily on first use, seeking a stream shared by the whole font, and
 * that read is not synchronised. Every table used later is therefore read here, before the instance is
 * published; afterwards only read-only structures and synchronised reads ({@code getTableBytes}, glyph data)
 * are used.
 */
final class LetterFonts {
    private static final String FOLDER = "/io/convoc/letters/fonts/";

    private final Map<Face, Font> fonts;

    private LetterFonts(Map<Face, Font> fonts) {
        this.fonts = fonts;
    }

    static LetterFonts load() {
        Map<Face, Font> fonts = new EnumMap<>(Face.class);
        for (Face face : Face.values()) {
            try {
                fonts.put(face, new Font(parse(face)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read font " + face.file(), e);
            }
        }
        return new LetterFonts(fonts);
    }

    private static TrueTypeFont parse(Face face) throws IOException {
        try (InputStream in = LetterFonts.class.getResourceAsStream(FOLDER + face.file())) {
            if (in == null) {
                throw new IllegalStateException("font not on the class path: " + face.file());
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            // shaping is done with ICU before drawing; the GSUB table is never needed
            ttf.setEnableGsub(false);
            // read every table the subsetter or the measurements touch, now, on this thread
            ttf.getName();
            ttf.getHeader();
            ttf.getHorizontalHeader();
            ttf.getMaximumProfile();
            ttf.getHorizontalMetrics();
            ttf.getIndexToLocation();
            ttf.getGlyph();
            ttf.getCmap();
            ttf.getNaming();
            ttf.getPostScript();
            ttf.getOS2Windows();
            ttf.getUnicodeCmapLookup();
            return ttf;
        }
    }

    /** Whether the face has a glyph for the code point. */
    boolean has(Face face, int codePoint) {
        return fonts.get(face).glyph(codePoint) > 0;
    }

    /** The glyph of a code point, 0 when the face has none. */
    int glyph(Face face, int codePoint) {
        return fonts.get(face).glyph(codePoint);
    }

    /** Advance width of the code point, in thousandths of the font size; 0 without a glyph. */
    float advance(Face face, int codePoint) {
        Font font = fonts.get(face);
        int gid = font.glyph(codePoint);
        return gid > 0 ? font.advanceOfGlyph(gid) : 0;
    }

    Font font(Face face) {
        return fonts.get(face);
    }

    /** One parsed font and what a PDF font descriptor says about it, computed once. */
    static final class Font {
        final TrueTypeFont ttf;
        final String postScriptName;
        final int glyphCount;
        final float[] bbox;
        final float italicAngle;
        final float ascent;
        final float descent;
        final float capHeight;
        final float xHeight;
        private final CmapLookup cmap;
        // dense copies of the cmap (Basic Multilingual Plane) and of the advances: fontbox's lookups box
        // every code point into a HashMap, and a letter makes tens of thousands of them
        private final char[] bmpGlyphs = new char[0x10000];
        private final short[] advances;
        private final float scale;

        Font(TrueTypeFont ttf) throws IOException {
            this.ttf = ttf;
            this.cmap = ttf.getUnicodeCmapLookup();
            HorizontalMetricsTable hmtx = ttf.getHorizontalMetrics();
            HeaderTable head = ttf.getHeader();
            HorizontalHeaderTable hhea = ttf.getHorizontalHeader();
            OS2WindowsMetricsTable os2 = ttf.getOS2Windows();
            this.scale = 1000f / head.getUnitsPerEm();
            this.postScriptName = ttf.getName();
            this.glyphCount = ttf.getNumberOfGlyphs();
            this.advances = new short[glyphCount];
            for (int gid = 0; gid < glyphCount; gid++) {
                advances[gid] = (short) Math.round(hmtx.getAdvanceWidth(gid) * scale);
                List<Integer> codes = cmap.getCharCodes(gid);
                if (codes != null && gid > 0) {
                    for (int code : codes) {
                        if (code >= 0 && code < bmpGlyphs.length) {
                            bmpGlyphs[code] = (char) gid;
                        }
                    }
                }
            }
            this.bbox = new float[] {head.getXMin() * scale, head.getYMin() * scale, head.getXMax() * scale,
                    head.getYMax() * scale};
            this.italicAngle = ttf.getPostScript().getItalicAngle();
            this.ascent = hhea.getAscender() * scale;
            this.descent = hhea.getDescender() * scale;
            // OS/2 version 2 carries both heights, but Noto Naskh leaves them at 0: measure the Latin letters
            // it has then, and fall back on the ascent
            this.capHeight = os2.getCapHeight() > 0 ? os2.getCapHeight() * scale : height(ttf, "H", ascent * 0.7f);
            this.xHeight = os2.getHeight() > 0 ? os2.getHeight() * scale : height(ttf, "x", ascent * 0.5f);
        }

        private float height(TrueTypeFont font, String glyphName, float fallback) throws IOException {
            var path = font.getPath(glyphName);
            return path == null || path.getBounds2D().isEmpty() ? fallback
                    : Math.round(path.getBounds2D().getMaxY()) * scale;
        }

        int glyph(int codePoint) {
            return codePoint < bmpGlyphs.length ? bmpGlyphs[codePoint] : cmap.getGlyphId(codePoint);
        }

        /** Advance of a glyph in thousandths of an em, as written in the PDF widths. */
        int advanceOfGlyph(int gid) {
            return advances[gid];
        }
    }
}
