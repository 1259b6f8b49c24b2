package io.convoc.letters;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few GPOS lookups a letter needs, read from the font's table because fontbox reads no GPOS: mark-to-base
 * (type 4), mark-to-ligature (5, attached to the ligature's last component), mark-to-mark (6) anchors and pair
 * adjustment (2, kerning: the first glyph's x advance), extension lookups (9) unwrapped. Other lookup types
 * (contextual positioning) are ignored. Values are in font units; immutable once built, so thread-safe.
 */
final class Gpos {
    static final Gpos NONE = new Gpos(0);

    /** No anchor for this pair. */
    static final long NO_ANCHOR = Long.MIN_VALUE;

    private final int glyphCount;
    private final List<MarkAttachment> markToBase = new ArrayList<>();
    private final List<MarkAttachment> markToMark = new ArrayList<>();
    private final List<PairAdjustment> pairs = new ArrayList<>();

    private Gpos(int glyphCount) {
        this.glyphCount = glyphCount;
    }

    /** Reads the table; a table it cannot read gives {@link #NONE} rather than a failure. */
    static Gpos read(byte[] table, int glyphCount) {
        if (table == null || table.length < 10) {
            return NONE;
        }
        try {
            Gpos gpos = new Gpos(glyphCount);
            gpos.parse(ByteBuffer.wrap(table));
            return gpos;
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    boolean hasKerning() {
        return !pairs.isEmpty();
    }

    /**
     * Offset of a mark glyph's origin from its base glyph's origin, packed as {@link #pack}, or
     * {@link #NO_ANCHOR}.
     */
    long markToBase(int mark, int base) {
        for (MarkAttachment a : markToBase) {
            long offset = a.offset(mark, base);
            if (offset != NO_ANCHOR) {
                return offset;
            }
        }
        return NO_ANCHOR;
    }

    /** Offset of a mark's origin from the origin of the mark before it, or {@link #NO_ANCHOR}. */
    long markToMark(int mark, int previousMark) {
        for (MarkAttachment a : markToMark) {
            long offset = a.offset(mark, previousMark);
            if (offset != NO_ANCHOR) {
                return offset;
            }
        }
        return NO_ANCHOR;
    }

    /** Extra advance after {@code first} when {@code second} follows it in logical order, font units. */
    int kerning(int first, int second) {
        for (PairAdjustment p : pairs) {
            int value = p.value(first, second);
            if (value != Integer.MIN_VALUE) {
                return value;
            }
        }
        return 0;
    }

    static long pack(int x, int y) {
        return ((long) x << 32) | (y & 0xFFFFFFFFL);
    }

    static int x(long packed) {
        return (int) (packed >> 32);
    }

    static int y(long packed) {
        return (int) packed;
    }

    // ---- parsing

    private void parse(ByteBuffer b) {
        int lookupList = u16(b, 8);
        int lookupCount = u16(b, lookupList);
        for (int i = 0; i < lookupCount; i++) {
            int lookup = lookupList + u16(b, lookupList + 2 + 2 * i);
            int type = u16(b, lookup);
            int subtables = u16(b, lookup + 4);
            for (int s = 0; s < subtables; s++) {
                int subtable = lookup + u16(b, lookup + 6 + 2 * s);
                int subtype = type;
                if (type == 9) {
                    subtype = u16(b, subtable + 2);
                    subtable = subtable + b.getInt(subtable + 4);
                }
                switch (subtype) {
                    case 2 -> readPair(b, subtable);
                    case 4 -> markToBase.add(readMarkBase(b, subtable, false));
                    case 5 -> markToBase.add(readMarkBase(b, subtable, true));
                    case 6 -> markToMark.add(readMarkBase(b, subtable, false));
                    default -> {
                        // contextual and single adjustments: not used by the letters' fonts for their scripts
                    }
                }
            }
        }
    }

    /** Mark-to-base, mark-to-ligature (last component) and mark-to-mark share one layout. */
    private MarkAttachment readMarkBase(ByteBuffer b, int st, boolean ligature) {
        int[] markCoverage = coverage(b, st + u16(b, st + 2));
        int[] baseCoverage = coverage(b, st + u16(b, st + 4));
        int classCount = u16(b, st + 6);
        int markArray = st + u16(b, st + 8);
        int baseArray = st + u16(b, st + 10);

        int markCount = u16(b, markArray);
        int[] markClass = new int[markCount];
        long[] markAnchor = new long[markCount];
        for (int i = 0; i < markCount; i++) {
            int record = markArray + 2 + 4 * i;
            markClass[i] = u16(b, record);
            markAnchor[i] = anchor(b, markArray + u16(b, record + 2));
        }
        int baseCount = u16(b, baseArray);
        long[][] baseAnchors = new long[baseCount][classCount];
        for (int i = 0; i < baseCount; i++) {
            int anchors;
            if (ligature) {
                int attach = baseArray + u16(b, baseArray + 2 + 2 * i);
                int components = u16(b, attach);
                if (components == 0) {
                    Arrays.fill(baseAnchors[i], NO_ANCHOR);
                    continue;
                }
                // marks after a ligature belong to its last component (lam-alef: the alef)
                anchors = attach + 2 + 2 * classCount * (components - 1);
                for (int c = 0; c < classCount; c++) {
                    int offset = u16(b, anchors + 2 * c);
                    baseAnchors[i][c] = offset == 0 ? NO_ANCHOR : anchor(b, attach + offset);
                }
            } else {
                anchors = baseArray + 2 + 2 * classCount * i;
                for (int c = 0; c < classCount; c++) {
                    int offset = u16(b, anchors + 2 * c);
                    baseAnchors[i][c] = offset == 0 ? NO_ANCHOR : anchor(b, baseArray + offset);
                }
            }
        }
        return new MarkAttachment(markCoverage, baseCoverage, markClass, markAnchor, baseAnchors);
    }

    private void readPair(ByteBuffer b, int st) {
        int format = u16(b, st);
        int[] coverage = coverage(b, st + u16(b, st + 2));
        int format1 = u16(b, st + 4);
        int format2 = u16(b, st + 6);
        int size1 = 2 * Integer.bitCount(format1 & 0xFF);
        int size2 = 2 * Integer.bitCount(format2 & 0xFF);
        int xAdvance = (format1 & 0x4) == 0 ? -1 : 2 * Integer.bitCount(format1 & 0x3);
        if (xAdvance < 0) {
            return; // no advance change for the first glyph: nothing the letters use
        }
        if (format == 1) {
            Map<Integer, Integer> values = new HashMap<>();
            int setCount = u16(b, st + 8);
            for (int gid = 0; gid < coverage.length; gid++) {
                int index = coverage[gid];
                if (index < 0 || index >= setCount) {
                    continue;
                }
                int set = st + u16(b, st + 10 + 2 * index);
                int count = u16(b, set);
                for (int i = 0; i < count; i++) {
                    int record = set + 2 + i * (2 + size1 + size2);
                    int value = b.getShort(record + 2 + xAdvance);
                    values.putIfAbsent(gid << 16 | u16(b, record), value);
                }
            }
            pairs.add(new PairAdjustment(coverage, values, null, null, null, 0));
        } else if (format == 2) {
            int[] class1 = classes(b, st + u16(b, st + 8));
            int[] class2 = classes(b, st + u16(b, st + 10));
            int count1 = u16(b, st + 12);
            int count2 = u16(b, st + 14);
            short[] matrix = new short[count1 * count2];
            for (int c1 = 0; c1 < count1; c1++) {
                for (int c2 = 0; c2 < count2; c2++) {
                    int record = st + 16 + (c1 * count2 + c2) * (size1 + size2);
                    matrix[c1 * count2 + c2] = b.getShort(record + xAdvance);
                }
            }
            pairs.add(new PairAdjustment(coverage, null, class1, class2, matrix, count2));
        }
    }

    private static long anchor(ByteBuffer b, int offset) {
        return pack(b.getShort(offset + 2), b.getShort(offset + 4));
    }

    /** glyph id → coverage index, -1 when not covered. */
    private int[] coverage(ByteBuffer b, int offset) {
        int[] index = new int[glyphCount];
        Arrays.fill(index, -1);
        int format = u16(b, offset);
        int count = u16(b, offset + 2);
        if (format == 1) {
            for (int i = 0; i < count; i++) {
                int gid = u16(b, offset + 4 + 2 * i);
                if (gid < glyphCount) {
                    index[gid] = i;
                }
            }
        } else if (format == 2) {
            for (int i = 0; i < count; i++) {
                int range = offset + 4 + 6 * i;
                int start = u16(b, range);
                int end = Math.min(u16(b, range + 2), glyphCount - 1);
                int first = u16(b, range + 4);
                for (int gid = start; gid <= end; gid++) {
                    index[gid] = first + gid - start;
                }
            }
        }
        return index;
    }

    /** glyph id → class (0 when not listed). */
    private int[] classes(ByteBuffer b, int offset) {
        int[] classes = new int[glyphCount];
        int format = u16(b, offset);
        if (format == 1) {
            int start = u16(b, offset + 2);
            int count = u16(b, offset + 4);
            for (int i = 0; i < count && start + i < glyphCount; i++) {
                classes[start + i] = u16(b, offset + 6 + 2 * i);
            }
        } else if (format == 2) {
            int count = u16(b, offset + 2);
            for (int i = 0; i < count; i++) {
                int range = offset + 4 + 6 * i;
                int end = Math.min(u16(b, range + 2), glyphCount - 1);
                for (int gid = u16(b, range); gid <= end; gid++) {
                    classes[gid] = u16(b, range + 4);
                }
            }
        }
        return classes;
    }

    private static int u16(ByteBuffer b, int offset) {
        return b.getShort(offset) & 0xFFFF;
    }

    private record MarkAttachment(int[] markCoverage, int[] baseCoverage, int[] markClass, long[] markAnchor,
                                  long[][] baseAnchors) {
        long offset(int mark, int base) {
            if (mark >= markCoverage.length || base >= baseCoverage.length) {
                return NO_ANCHOR;
            }
            int m = markCoverage[mark];
            int s = baseCoverage[base];
            if (m < 0 || s < 0 || m >= markClass.length || s >= baseAnchors.length) {
                return NO_ANCHOR;
            }
            int cls = markClass[m];
            if (cls >= baseAnchors[s].length || baseAnchors[s][cls] == NO_ANCHOR) {
                return NO_ANCHOR;
            }
            long baseAnchor = baseAnchors[s][cls];
            long markAnchorPoint = markAnchor[m];
            return pack(x(baseAnchor) - x(markAnchorPoint), y(baseAnchor) - y(markAnchorPoint));
        }
    }

    private record PairAdjustment(int[] coverage, Map<Integer, Integer> values, int[] class1, int[] class2,
                                  short[] matrix, int count2) {
        int value(int first, int second) {
            if (first >= coverage.length || second >= coverage.length || coverage[first] < 0) {
                return Integer.MIN_VALUE;
            }
            if (values != null) {
                Integer v = values.get(first << 16 | second);
                return v == null ? Integer.MIN_VALUE : v;
            }
            // format 2 covers every pair whose first glyph is covered (class 0 included)
            return matrix[class1[first] * count2 + class2[second]];
        }
    }
}
