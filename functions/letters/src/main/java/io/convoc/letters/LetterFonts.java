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

    /** Kerning between two characters in logical order, in thousandths of the font size (GPOS pair adjustment). */
    float kerning(Face face, int first, int second) {
        Font font = fonts.get(face);
        if (!font.gpos.hasKerning()) {
            return 0;
        }
        int a = font.glyph(first);
        int b = font.glyph(second);
        return a > 0 && b > 0 ? font.gpos.kerning(a, b) * font.scale : 0;
    }

    /**
     * Where a mark's origin goes relative to its base's (mark-to-base or mark-to-ligature anchors), in thousandths
     * of the font size, as {@code float[] {dx, dy}}; null when the font has no anchor for the pair.
     */
    float[] markOnBase(Face face, int mark, int base) {
        Font font = fonts.get(face);
        return font.scaled(font.gpos.markToBase(font.glyph(mark), font.glyph(base)));
    }

    /**
     * Where a mark's origin goes relative to the mark before it (mark-to-mark anchors), null without anchor. A vowel
     * next to a shadda, which the fonts draw as one ligature glyph (GSUB) with no mark-to-mark anchor, is stacked
     * on it here: above it, or under it for kasra and kasratan, centred, 0.04 em apart, as in those ligatures.
     */
    float[] markOnMark(Face face, int mark, int previousMark) {
        Font font = fonts.get(face);
        float[] anchored = font.scaled(font.gpos.markToMark(font.glyph(mark), font.glyph(previousMark)));
        if (anchored != null || !isShaddaPair(mark, previousMark)) {
            return anchored;
        }
        int vowel = mark == 0x0651 ? previousMark : mark;
        float[] shadda = font.markBounds[0x0651 - 0x064B];
        float[] v = font.markBounds[vowel - 0x064B];
        if (shadda == null || v == null) {
            return null;
        }
        boolean below = vowel == 0x0650 || vowel == 0x064D;
        float dx = (shadda[0] + shadda[2]) / 2 - (v[0] + v[2]) / 2;
        float dy = below ? shadda[1] - 40 - v[3] : shadda[3] + 40 - v[1];
        // the offset of {@code mark} from {@code previousMark}
        return mark == 0x0651 ? new float[] {-dx, -dy} : new float[] {dx, dy};
    }

    private static boolean isShaddaPair(int a, int b) {
        int other = a == 0x0651 ? b : b == 0x0651 ? a : -1;
        return other >= 0x064B && other <= 0x0650;
    }

    /** A combining mark: drawn with no advance, placed by the font's anchors. */
    static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
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
        private final CmapLookup cmap;
        final Gpos gpos;
        private final float[][] markBounds = new float[8][];
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
            var gposTable = ttf.getTableMap().get("GPOS");
            this.gpos = gposTable == null ? Gpos.NONE : Gpos.read(ttf.getTableBytes(gposTable), ttf.getNumberOfGlyphs());
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
            // vertical extent of the harakat, to stack a vowel on a shadda (the fonts do it by a GSUB ligature)
            for (int cp = 0x064B; cp <= 0x0652; cp++) {
                int gid = cmap.getGlyphId(cp);
                var glyph = gid > 0 ? ttf.getGlyph().getGlyph(gid) : null;
                if (glyph != null && glyph.getBoundingBox() != null) {
                    markBounds[cp - 0x064B] = new float[] {glyph.getBoundingBox().getLowerLeftX() * scale,
                            glyph.getBoundingBox().getLowerLeftY() * scale, glyph.getBoundingBox().getUpperRightX() * scale,
                            glyph.getBoundingBox().getUpperRightY() * scale};
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
        }

        private float height(TrueTypeFont font, String glyphName, float fallback) throws IOException {
            var path = font.getPath(glyphName);
            return path == null || path.getBounds2D().isEmpty() ? fallback
                    : Math.round(path.getBounds2D().getMaxY()) * scale;
        }

        private float[] scaled(long offset) {
            return offset == Gpos.NO_ANCHOR ? null : new float[] {Gpos.x(offset) * scale, Gpos.y(offset) * scale};
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
