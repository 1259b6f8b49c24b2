package io.convoc.letters;

import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * The fonts of one document, as Type 0 fonts over subsets of the shared TrueType fonts.
 *
 * <p>Done here rather than with PDFBox's {@code PDType0Font.load}: that embedder computes the widths of all of a
 * font's glyphs for every document, then reads them back, then subsets, which cost more than the rest of the
 * letter. Here the glyphs are collected first (the whole letter is laid out before anything is written), the
 * subset is made once, and the content stream is written with the subset's glyph ids: CIDs are the new glyph
 * ids (CIDToGIDMap /Identity), widths are one array, the ToUnicode map gives each glyph the character it was
 * drawn for, so that text extraction finds the text. The subset tag is derived from the glyphs, never random.
 */
final class EmbeddedFonts {
    // the tables a PDF TrueType font program needs (ISO 32000-1, 9.9). The fonts are dehinted (no cvt, prep,
    // fpgm, no glyph instructions): the subsets of different fonts can be one program. No gasp: renderers (pdftoppm
    // at 110 dpi, checked) draw the same pixels without it
    private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "glyf", "hmtx");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final LetterFonts fonts;
    private final Map<Face, Usage> usage = new EnumMap<>(Face.class);

    EmbeddedFonts(LetterFonts fonts) {
        this.fonts = fonts;
    }

    /** Records that the code point is drawn with the face. */
    void use(Face face, int codePoint) {
        int gid = fonts.glyph(face, codePoint);
        if (gid > 0) {
            usage.computeIfAbsent(face, f -> new Usage(fonts.font(f), COSName.getPDFName("F" + (f.ordinal() + 1))))
                    .add(gid, codePoint);
        }
    }

    /** Advance width of the code point's glyph, in thousandths of the font size. */
    float advance(Face face, int codePoint) {
        return fonts.advance(face, codePoint);
    }

    /** The resource name of a face, e.g. /F3. */
    COSName resourceName(Face face) {
        return usage.get(face).name;
    }

    /**
     * Appends the code point's glyph id in the face's subset as the two bytes of a literal string (one char per
     * byte, written out as ISO-8859-1): half the size of hexadecimal, which shows in the compressed stream.
     */
    void appendGlyph(Face face, int codePoint, StringBuilder out) {
        int gid = cid(face, codePoint);
        appendByte(gid >> 8, out);
        appendByte(gid & 0xFF, out);
    }

    /** The CID (and glyph id in the shared font program) of the code point's glyph in the face's subset. */
    int cid(Face face, int codePoint) {
        Usage u = usage.get(face);
        return u.cid(u.oldToNew[fonts.glyph(face, codePoint)]);
    }

    private static void appendByte(int b, StringBuilder out) {
        switch (b) {
            case '(', ')', '\\' -> out.append('\\').append((char) b);
            // a raw end of line inside a string would be read back as a line feed
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            default -> out.append((char) b);
        }
    }

    /**
     * Makes the subsets and returns the /Font resource dictionary; call after every {@link #use}.
     *
     * <p>The fonts share one ToUnicode map and one font program: each subset's glyphs take their own range of CIDs
     * (the second font's start after the first's), so that one CMap names them all, and one TrueType program holds
     * them all, each glyph at its CID ({@link #merge}). Five maps, each with its PostScript wrapper and its own
     * stream, cost some 700 bytes more; five programs, each with its own tables and compressed on its own, some
     * 1.8 KB more. Each font keeps its own dictionaries (name, metrics, widths), all pointing at that program.
     */
    COSDictionary build(COSDocument document) {
        COSDictionary resources = new COSDictionary();
        for (Usage u : usage.values()) {
            u.subset();
        }
        List<Usage> order = new java.util.ArrayList<>(usage.values());
        // a fixed order, whatever the order of first use: the fonts with fewest glyphs first
        order.sort(java.util.Comparator.comparingInt((Usage u) -> u.newGlyphs.length)
                .thenComparing(u -> u.name.getName()));
        int offset = 0;
        List<byte[]> programs = new java.util.ArrayList<>(order.size());
        int[] offsets = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            Usage u = order.get(i);
            u.offset = offset;
            offsets[i] = offset;
            programs.add(u.program);
            offset += u.newGlyphs.length - 1; // glyph 0 (.notdef) is the first font's
        }
        COSStream fontFile = null;
        if (!programs.isEmpty()) {
            byte[] program = shortLoca(merge(programs, offsets));
            fontFile = stream(document, program);
            fontFile.setInt(COSName.LENGTH1, program.length);
        }
        Integer[] text = new Integer[offset + 1];
        for (Usage u : usage.values()) {
            for (int gid = 1; gid < u.newGlyphs.length; gid++) {
                text[u.cid(gid)] = u.codePointOf(u.newGlyphs[gid]);
            }
        }
        COSStream toUnicode = stream(document, Usage.toUnicode(text));
        for (Map.Entry<Face, Usage> entry : usage.entrySet()) {
            try {
                resources.setItem(entry.getValue().name, entry.getValue().type0(fontFile, toUnicode));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot subset " + entry.getKey().file(), e);
            }
        }
        return resources;
    }

    private static final com.ibm.icu.text.Normalizer2 NFKC = com.ibm.icu.text.Normalizer2.getNFKCInstance();

    /**
     * Arabic presentation forms: the glyph is mapped to the letter it stands for, so that readers which do not
     * normalise (poppler's pdftotext) give the typed letters.
     */
    private static boolean isArabicForm(int cp) {
        return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    }

    /**
     * The text of a glyph: a presentation form's letter, except for ligatures (lam-alef): PDFBox places a mark
     * inside a two-letter glyph by the letters' order left to right, and poppler reverses them; both read the
     * ligature's own code point right, which normalises (NFKC) to the two letters.
     */
    private static String unicode(int codePoint, boolean form) {
        String own = new String(Character.toChars(codePoint));
        if (!form) {
            return own;
        }
        String letter = NFKC.normalize(own);
        return letter.length() == 1 ? letter : own;
    }

    /** The glyphs of one face used by the document. */
    private static final class Usage {
        private final LetterFonts.Font font;
        private final COSName name;
        // old glyph id -> the code point it was first drawn for, 0 when unused
        private final int[] codePoints;
        private int[] oldToNew;

        Usage(LetterFonts.Font font, COSName name) {
            this.font = font;
            this.name = name;
            this.codePoints = new int[font.glyphCount];
        }

        void add(int gid, int codePoint) {
            if (codePoints[gid] == 0) {
                codePoints[gid] = codePoint;
            }
        }

        private Integer codePointOf(int gid) {
            return codePoints[gid] == 0 ? null : codePoints[gid];
        }

        // new glyph id -> old; the first new glyph after .notdef is CID offset + 1
        private int[] newGlyphs;
        private int offset;
        private byte[] program;

        int cid(int newGlyph) {
            return newGlyph == 0 ? 0 : newGlyph + offset;
        }

        void subset() {
            try {
                subsetProgram();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot subset " + font.postScriptName, e);
            }
        }

        private void subsetProgram() throws IOException {
            TTFSubsetter subsetter = new TTFSubsetter(font.ttf, TABLES);
            Set<Integer> used = new HashSet<>();
            for (int gid = 1; gid < codePoints.length; gid++) {
                if (codePoints[gid] != 0) {
                    used.add(gid);
                }
            }
            subsetter.addGlyphIds(used);
            // new -> old; composite glyphs bring their components in
            Map<Integer, Integer> newToOld = subsetter.getGIDMap();
            int count = newToOld.size();
            newGlyphs = new int[count];
            oldToNew = new int[font.glyphCount];
            for (Map.Entry<Integer, Integer> e : newToOld.entrySet()) {
                newGlyphs[e.getKey()] = e.getValue();
                oldToNew[e.getValue()] = e.getKey();
            }
            ByteArrayOutputStream subsetBytes = new ByteArrayOutputStream(16 * 1024);
            subsetter.writeToStream(subsetBytes);
            program = evenGlyphs(subsetBytes.toByteArray());
        }

        COSDictionary type0(COSStream fontFile, COSStream toUnicode) throws IOException {
            String baseFont = tag(newGlyphs) + "+" + font.postScriptName;

            COSDictionary descriptor = new COSDictionary();
            descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
            descriptor.setName(COSName.FONT_NAME, baseFont);
            descriptor.setInt(COSName.FLAGS, 4); // symbolic: glyphs are addressed by id, not by a standard encoding
            descriptor.setItem(COSName.FONT_BBOX, numbers(font.bbox));
            descriptor.setItem(COSName.ITALIC_ANGLE, number(font.italicAngle));
            descriptor.setItem(COSName.ASCENT, number(font.ascent));
            descriptor.setItem(COSName.DESCENT, number(font.descent));
            descriptor.setItem(COSName.CAP_HEIGHT, number(font.capHeight));
            // there is no stem width in a TrueType font; the usual estimate from the bounding box
            descriptor.setItem(COSName.STEM_V, number(Math.round((font.bbox[2] - font.bbox[0]) * 0.13f)));
            descriptor.setItem(COSName.FONT_FILE2, fontFile);

            // from the first glyph on: .notdef (CID 0) is never drawn
            COSArray widths = new COSArray();
            for (int gid = 1; gid < newGlyphs.length; gid++) {
                widths.add(COSInteger.get(font.advanceOfGlyph(newGlyphs[gid])));
            }
            COSArray w = new COSArray();
            w.add(COSInteger.get(cid(1)));
            w.add(widths);

            COSDictionary cidFont = new COSDictionary();
            cidFont.setItem(COSName.TYPE, COSName.FONT);
            cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
            cidFont.setName(COSName.BASE_FONT, baseFont);
            cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo());
            cidFont.setItem(COSName.FONT_DESC, descriptor);
            cidFont.setItem(COSName.W, w);
            cidFont.setItem(COSName.CID_TO_GID_MAP, COSName.IDENTITY);

            COSArray descendants = new COSArray();
            descendants.add(cidFont);
            COSDictionary type0 = new COSDictionary();
            type0.setItem(COSName.TYPE, COSName.FONT);
            type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
            type0.setName(COSName.BASE_FONT, baseFont);
            type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
            type0.setItem(COSName.DESCENDANT_FONTS, descendants);
            type0.setItem(COSName.TO_UNICODE, toUnicode);
            return type0;
        }

        /**
         * A CMap from each CID to the character its glyph was drawn for ({@code text}, null for none). Runs of
         * consecutive glyphs drawn for consecutive characters (the forms of a letter often are) become one bfrange.
         */
        private static byte[] toUnicode(Integer[] text) {
            StringBuilder ranges = new StringBuilder();
            StringBuilder chars = new StringBuilder();
            int rangeCount = 0;
            int charCount = 0;
            int gid = 0;
            while (gid < text.length) {
                Integer codePoint = text[gid];
                if (codePoint == null) {
                    gid++; // .notdef and components of composite glyphs: never drawn alone
                    continue;
                }
                // the glyphs that follow, up to a gap or the next 256 (a range keeps its first byte)
                int last = gid;
                while (last + 1 < text.length && text[last + 1] != null && (last + 1) >> 8 == gid >> 8) {
                    last++;
                }
                boolean form = isArabicForm(codePoint);
                int end = gid;
                while (codePoint <= 0xFFFF && !form && end < last
                        && Integer.valueOf(codePoint + end + 1 - gid).equals(text[end + 1])
                        && (codePoint & 0xFF) + end + 1 - gid <= 0xFF) {
                    end++;
                }
                // no consecutive characters (the forms of Arabic letters), but consecutive glyphs: one range
                // with an array of characters, some 6 bytes a glyph against 13 for a bfchar line each
                boolean array = end == gid && last > gid;
                if (array) {
                    end = last;
                }
                if (end > gid) {
                    if (rangeCount++ % 100 == 0 && rangeCount > 1) {
                        ranges.append("endbfrange\n");
                    }
                    ranges.append('<');
                    hex4(gid, ranges);
                    ranges.append("><");
                    hex4(end, ranges);
                    if (array) {
                        ranges.append(">[");
                        for (int g = gid; g <= end; g++) {
                            ranges.append('<');
                            for (char c : unicode(text[g], isArabicForm(text[g])).toCharArray()) {
                                hex4(c, ranges);
                            }
                            ranges.append('>');
                        }
                        ranges.append("]\n");
                    } else {
                        ranges.append("><");
                        hex4(codePoint, ranges);
                        ranges.append(">\n");
                    }
                } else {
                    if (charCount++ % 100 == 0 && charCount > 1) {
                        chars.append("endbfchar\n");
                    }
                    chars.append('<');
                    hex4(gid, chars);
                    chars.append("><");
                    for (char c : unicode(codePoint, form).toCharArray()) {
                        hex4(c, chars);
                    }
                    chars.append(">\n");
                }
                gid = end + 1;
            }
            StringBuilder cmap = new StringBuilder(512 + ranges.length() + chars.length());
            // the PostScript wrapper a CMap needs, without the optional CIDSystemInfo, in its shortest spelling
            cmap.append("/CIDInit/ProcSet findresource begin 12 dict begin begincmap/CMapName/U def/CMapType 2 def\n")
                    .append("1 begincodespacerange<0000><FFFF>endcodespacerange\n");
            block(cmap, "bfchar", chars, charCount);
            block(cmap, "bfrange", ranges, rangeCount);
            cmap.append("endcmap CMapName currentdict/CMap defineresource pop end end");
            return cmap.toString().getBytes(StandardCharsets.US_ASCII);
        }

        /** Entries already split every 100 by "end" lines: adds each block's "n begin" header. */
        private static void block(StringBuilder cmap, String kind, StringBuilder entries, int count) {
            if (count == 0) {
                return;
            }
            String[] blocks = entries.toString().split("end" + kind + "\n", -1);
            int remaining = count;
            for (String block : blocks) {
                int n = Math.min(100, remaining);
                remaining -= n;
                cmap.append(n).append(" begin").append(kind).append('\n').append(block).append("end").append(kind)
                        .append('\n');
            }
        }

        private static void hex4(int value, StringBuilder out) {
            out.append(HEX[value >> 12 & 0xF]).append(HEX[value >> 8 & 0xF]).append(HEX[value >> 4 & 0xF])
                    .append(HEX[value & 0xF]);
        }

        /** Six capital letters that depend only on the glyphs of the subset (PDF 9.6.4). */
        private static String tag(int[] glyphs) {
            long hash = Arrays.hashCode(glyphs) & 0xFFFFFFFFL;
            char[] tag = new char[6];
            for (int i = 0; i < 6; i++) {
                tag[i] = (char) ('A' + hash % 26);
                hash /= 26;
            }
            return new String(tag);
        }
    }

    /**
     * The font program with its glyph locations in the short format (half offsets, two bytes a glyph) instead of
     * the long one fontbox's subsetter always writes, when the glyph data allows it (under 128 KB, even offsets):
     * the same glyphs, a loca table half the size. Returns the program unchanged otherwise.
     */
    static byte[] shortLoca(byte[] font) {
        TableDirectory directory = TableDirectory.read(font);
        String[] tags = directory.tags();
        byte[][] data = directory.data();
        int loca = directory.index().getOrDefault("loca", -1);
        int head = directory.index().getOrDefault("head", -1);
        if (loca < 0 || head < 0 || ByteBuffer.wrap(data[head]).getShort(50) != 1) {
            return font;
        }
        ByteBuffer longOffsets = ByteBuffer.wrap(data[loca]);
        int count = data[loca].length / 4;
        ByteBuffer shortOffsets = ByteBuffer.allocate(2 * count);
        for (int i = 0; i < count; i++) {
            int offset = longOffsets.getInt(4 * i);
            if ((offset & 1) != 0 || offset > 0x1FFFE) {
                return font;
            }
            shortOffsets.putShort((short) (offset >> 1));
        }
        data[loca] = shortOffsets.array();
        ByteBuffer.wrap(data[head]).putShort(50, (short) 0);
        return assemble(font, tags, data, head);
    }

    /** A font program's tables, in the order of its table directory: tag, bytes, and position by tag. */
    private record TableDirectory(String[] tags, byte[][] data, Map<String, Integer> index) {
        static TableDirectory read(byte[] font) {
            ByteBuffer in = ByteBuffer.wrap(font);
            int tables = in.getShort(4) & 0xFFFF;
            String[] tags = new String[tables];
            byte[][] data = new byte[tables][];
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < tables; i++) {
                int entry = 12 + 16 * i;
                tags[i] = new String(font, entry, 4, StandardCharsets.US_ASCII);
                int offset = in.getInt(entry + 8);
                data[i] = Arrays.copyOfRange(font, offset, offset + in.getInt(entry + 12));
                index.put(tags[i], i);
            }
            return new TableDirectory(tags, data, index);
        }
    }

    /**
     * The font program with each glyph's data padded to two bytes rather than the four fontbox's subsetter pads it to:
     * the short glyph locations only need even offsets, and the padding is a few hundred bytes of a letter.
     */
    static byte[] evenGlyphs(byte[] font) {
        TableDirectory directory = TableDirectory.read(font);
        String[] tags = directory.tags();
        byte[][] data = directory.data();
        Map<String, Integer> index = directory.index();
        Integer head = index.get("head");
        Integer loca = index.get("loca");
        Integer glyf = index.get("glyf");
        if (head == null || loca == null || glyf == null || ByteBuffer.wrap(data[head]).getShort(50) != 1) {
            return font;
        }
        ByteBuffer offsets = ByteBuffer.wrap(data[loca]);
        ByteBuffer glyphs = ByteBuffer.wrap(data[glyf]);
        int count = data[loca].length / 4 - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data[glyf].length);
        ByteBuffer newOffsets = ByteBuffer.allocate(data[loca].length);
        for (int g = 0; g < count; g++) {
            newOffsets.putInt(out.size());
            int start = offsets.getInt(4 * g);
            int end = offsets.getInt(4 * g + 4);
            if (end > start) {
                int length = glyphLength(glyphs, start);
                if (length <= 0 || length > end - start) {
                    return font; // not a glyph this reader understands: leave the font as it is
                }
                out.write(data[glyf], start, length);
                if ((length & 1) != 0) {
                    out.write(0);
                }
            }
        }
        newOffsets.putInt(out.size());
        data[glyf] = out.toByteArray();
        data[loca] = newOffsets.array();
        return assemble(font, tags, data, head);
    }

    /** The length of a glyph's data, without padding (TrueType 'glyf': simple or composite). */
    private static int glyphLength(ByteBuffer glyf, int start) {
        int contours = glyf.getShort(start);
        int p = start + 10;
        if (contours >= 0) {
            int points = contours == 0 ? 0 : (glyf.getShort(p + 2 * (contours - 1)) & 0xFFFF) + 1;
            p += 2 * contours;
            p += 2 + (glyf.getShort(p) & 0xFFFF); // instructions
            int xBytes = 0;
            int yBytes = 0;
            for (int read = 0; read < points; ) {
                int flag = glyf.get(p++) & 0xFF;
                int repeat = 1;
                if ((flag & 0x08) != 0) { // REPEAT_FLAG
                    repeat += glyf.get(p++) & 0xFF;
                }
                int x = (flag & 0x02) != 0 ? 1 : (flag & 0x10) != 0 ? 0 : 2;
                int y = (flag & 0x04) != 0 ? 1 : (flag & 0x20) != 0 ? 0 : 2;
                xBytes += x * repeat;
                yBytes += y * repeat;
                read += repeat;
            }
            return p + xBytes + yBytes - start;
        }
        int flags;
        boolean instructions = false;
        do {
            flags = glyf.getShort(p) & 0xFFFF;
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) {
                p += 2;
            } else if ((flags & 0x0040) != 0) {
                p += 4;
            } else if ((flags & 0x0080) != 0) {
                p += 8;
            }
            instructions |= (flags & 0x0100) != 0; // WE_HAVE_INSTRUCTIONS
        } while ((flags & 0x0020) != 0);
        if (instructions) {
            p += 2 + (glyf.getShort(p) & 0xFFFF);
        }
        return p - start;
    }

    /**
     * One TrueType program with the glyphs of several subsets, all of one unitsPerEm: .notdef from the first, then
     * each subset's glyphs after its .notdef, the k-th subset's glyph g at {@code offsets[k] + g} (its CID in the
     * document's shared CID space, {@link #build}), with its metrics; composite glyphs name their components there.
     * head, hhea and maxp are the first subset's, with the bounds and maxima of all; the glyph locations are long.
     */
    static byte[] merge(List<byte[]> programs, int[] offsets) {
        TableDirectory first = TableDirectory.read(programs.get(0));
        Map<String, Integer> index = first.index();
        byte[][] data = first.data();
        ByteBuffer head = ByteBuffer.wrap(data[index.get("head")]);
        ByteBuffer hhea = ByteBuffer.wrap(data[index.get("hhea")]);
        ByteBuffer maxp = ByteBuffer.wrap(data[index.get("maxp")]);
        int count = offsets[offsets.length - 1] + glyphCount(programs.get(programs.size() - 1));
        ByteArrayOutputStream glyf = new ByteArrayOutputStream(64 * 1024);
        ByteBuffer loca = ByteBuffer.allocate(4 * (count + 1));
        ByteBuffer hmtx = ByteBuffer.allocate(4 * count);
        for (int k = 0; k < programs.size(); k++) {
            TableDirectory font = TableDirectory.read(programs.get(k));
            byte[][] tables = font.data();
            ByteBuffer fontHead = ByteBuffer.wrap(tables[font.index().get("head")]);
            ByteBuffer fontHhea = ByteBuffer.wrap(tables[font.index().get("hhea")]);
            ByteBuffer fontMaxp = ByteBuffer.wrap(tables[font.index().get("maxp")]);
            if (fontHead.getShort(18) != head.getShort(18)) {
                throw new IllegalArgumentException("fonts of different unitsPerEm cannot share a program");
            }
            if (font.index().containsKey("fpgm") || font.index().containsKey("prep")) {
                throw new IllegalArgumentException("hinted fonts cannot share a program");
            }
            ByteBuffer fontLoca = ByteBuffer.wrap(tables[font.index().get("loca")]);
            boolean shortOffsets = fontHead.getShort(50) == 0;
            byte[] fontGlyf = tables[font.index().get("glyf")];
            ByteBuffer fontHmtx = ByteBuffer.wrap(tables[font.index().get("hmtx")]);
            int metrics = fontHhea.getShort(34) & 0xFFFF;
            int glyphs = fontMaxp.getShort(4) & 0xFFFF;
            if (offsets[k] + (k == 0 ? 0 : 1) != loca.position() / 4) {
                throw new IllegalArgumentException("subsets must follow one another: " + Arrays.toString(offsets));
            }
            for (int g = k == 0 ? 0 : 1; g < glyphs; g++) {
                int start = shortOffsets ? (fontLoca.getShort(2 * g) & 0xFFFF) * 2 : fontLoca.getInt(4 * g);
                int end = shortOffsets ? (fontLoca.getShort(2 * g + 2) & 0xFFFF) * 2 : fontLoca.getInt(4 * g + 4);
                loca.putInt(glyf.size());
                byte[] glyph = Arrays.copyOfRange(fontGlyf, start, end);
                if (g > 0 && glyph.length >= 10 && ByteBuffer.wrap(glyph).getShort(0) < 0) {
                    moveComponents(ByteBuffer.wrap(glyph), 10, offsets[k]);
                }
                glyf.writeBytes(glyph);
                if ((glyf.size() & 1) != 0) {
                    glyf.write(0);
                }
                int m = Math.min(g, metrics - 1);
                hmtx.putShort(fontHmtx.getShort(4 * m));
                hmtx.putShort(g < metrics ? fontHmtx.getShort(4 * g + 2)
                        : fontHmtx.getShort(4 * metrics + 2 * (g - metrics)));
            }
            if (k > 0) {
                // bounds: xMin, yMin, xMax, yMax
                for (int at = 36; at <= 42; at += 2) {
                    short mine = head.getShort(at);
                    short theirs = fontHead.getShort(at);
                    head.putShort(at, at < 40 ? (short) Math.min(mine, theirs) : (short) Math.max(mine, theirs));
                }
                // ascender, descender, line gap, advance width max, min left and right side bearings, x max extent
                hhea.putShort(4, (short) Math.max(hhea.getShort(4), fontHhea.getShort(4)));
                hhea.putShort(6, (short) Math.min(hhea.getShort(6), fontHhea.getShort(6)));
                hhea.putShort(8, (short) Math.max(hhea.getShort(8), fontHhea.getShort(8)));
                hhea.putShort(10, (short) Math.max(hhea.getShort(10) & 0xFFFF, fontHhea.getShort(10) & 0xFFFF));
                hhea.putShort(12, (short) Math.min(hhea.getShort(12), fontHhea.getShort(12)));
                hhea.putShort(14, (short) Math.min(hhea.getShort(14), fontHhea.getShort(14)));
                hhea.putShort(16, (short) Math.max(hhea.getShort(16), fontHhea.getShort(16)));
                // the maxima of version 1.0: points, contours, composite points and contours, zones, twilight
                // points, storage, function and instruction definitions, stack, instructions, components, depth
                for (int at = 6; at + 2 <= Math.min(maxp.capacity(), fontMaxp.capacity()); at += 2) {
                    maxp.putShort(at, (short) Math.max(maxp.getShort(at) & 0xFFFF, fontMaxp.getShort(at) & 0xFFFF));
                }
            }
        }
        loca.putInt(glyf.size());
        if (loca.position() != loca.capacity()) {
            throw new IllegalArgumentException("subsets must follow one another: " + Arrays.toString(offsets));
        }
        head.putShort(50, (short) 1);
        hhea.putShort(34, (short) count);
        maxp.putShort(4, (short) count);
        data[index.get("loca")] = loca.array();
        data[index.get("glyf")] = glyf.toByteArray();
        data[index.get("hmtx")] = hmtx.array();
        return assemble(programs.get(0), first.tags(), data, index.get("head"));
    }

    private static int glyphCount(byte[] font) {
        TableDirectory directory = TableDirectory.read(font);
        return ByteBuffer.wrap(directory.data()[directory.index().get("maxp")]).getShort(4) & 0xFFFF;
    }

    /** Adds {@code count} to the glyph id of each component of the composite glyph whose components start at p. */
    private static void moveComponents(ByteBuffer glyf, int p, int count) {
        int flags;
        do {
            flags = glyf.getShort(p) & 0xFFFF;
            int component = glyf.getShort(p + 2) & 0xFFFF;
            if (component != 0) {
                glyf.putShort(p + 2, (short) (component + count));
            }
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            if ((flags & 0x0008) != 0) { // WE_HAVE_A_SCALE
                p += 2;
            } else if ((flags & 0x0040) != 0) { // WE_HAVE_AN_X_AND_Y_SCALE
                p += 4;
            } else if ((flags & 0x0080) != 0) { // WE_HAVE_A_TWO_BY_TWO
                p += 8;
            }
        } while ((flags & 0x0020) != 0); // MORE_COMPONENTS
    }

    /** The tables as a font program: directory, tables on four-byte boundaries, checksums. */
    private static byte[] assemble(byte[] font, String[] tags, byte[][] data, int head) {
        int tables = tags.length;
        ByteBuffer.wrap(data[head]).putInt(8, 0);
        int size = 12 + 16 * tables;
        for (byte[] table : data) {
            size += (table.length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(font, 0, 12);
        int offset = 12 + 16 * tables;
        for (int i = 0; i < tables; i++) {
            out.put(tags[i].getBytes(StandardCharsets.US_ASCII)).putInt(checksum(data[i])).putInt(offset)
                    .putInt(data[i].length);
            offset += (data[i].length + 3) & ~3;
        }
        int headOffset = 0;
        for (int i = 0; i < tables; i++) {
            if (i == head) {
                headOffset = out.position();
            }
            out.put(data[i]);
            out.position((out.position() + 3) & ~3);
        }
        byte[] result = out.array();
        // head.checkSumAdjustment: 0xB1B0AFBA minus the checksum of the whole font
        ByteBuffer.wrap(result).putInt(headOffset + 8, 0xB1B0AFBA - checksum(result));
        return result;
    }

    private static int checksum(byte[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i += 4) {
            int word = 0;
            for (int j = 0; j < 4; j++) {
                word = word << 8 | (i + j < data.length ? data[i + j] & 0xFF : 0);
            }
            sum += word;
        }
        return sum;
    }

    /** An integer when the value is one: "1069" rather than "1069.0". */
    private static COSBase number(float value) {
        return value == Math.rint(value) ? COSInteger.get((long) value) : new COSFloat(value);
    }

    private static COSDictionary systemInfo() {
        COSDictionary systemInfo = new COSDictionary();
        systemInfo.setItem(COSName.REGISTRY, new COSString("Adobe"));
        systemInfo.setItem(COSName.ORDERING, new COSString("Identity"));
        systemInfo.setInt(COSName.SUPPLEMENT, 0);
        systemInfo.setDirect(true); // written inside each font dictionary, not as five more objects
        return systemInfo;
    }

    private static COSArray numbers(float[] values) {
        COSArray array = new COSArray();
        for (float v : values) {
            array.add(number(v));
        }
        return array;
    }

    static COSStream stream(COSDocument document, byte[] bytes) {
        COSStream stream = document.createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream;
    }
}
