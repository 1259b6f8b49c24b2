package io.convoc.core.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The characters an invitation letter can draw: those of the scripts it supports (Latin, Arabic, Tifinagh, with the
 * common punctuation, symbols and digits) that one of its fonts has (Noto Sans, Noto Naskh Arabic, Noto Sans
 * Tifinagh). Core cannot read the fonts, so the coverage is a table of ranges ({@code letter-charset.txt}) that the
 * letters module's {@code LetterCharsetTest} checks against the fonts' cmaps: a name accepted here never prints as
 * '?' on a letter.
 */
public final class LetterCharset {
    public static final String SCRIPTS = "Latin, Arabic, Tifinagh";
    private static final int[] STARTS;
    private static final int[] ENDS;

    static {
        List<int[]> ranges = new ArrayList<>();
        try (InputStream in = LetterCharset.class.getResourceAsStream("letter-charset.txt")) {
            if (in == null) {
                throw new IllegalStateException("letter-charset.txt not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int dash = line.indexOf('-');
                ranges.add(new int[]{Integer.parseInt(line.substring(0, dash), 16),
                        Integer.parseInt(line.substring(dash + 1), 16)});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        STARTS = ranges.stream().mapToInt(r -> r[0]).toArray();
        ENDS = ranges.stream().mapToInt(r -> r[1]).toArray();
    }

    private LetterCharset() {
    }

    /** Whether a letter can draw this code point. */
    public static boolean accepts(int cp) {
        int lo = 0;
        int hi = STARTS.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < STARTS[mid]) {
                hi = mid - 1;
            } else if (cp > ENDS[mid]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
