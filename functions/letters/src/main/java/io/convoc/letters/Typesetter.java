package io.convoc.letters;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.ibm.icu.text.Normalizer2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns logical text into lines of glyph runs ready to draw, because PDFBox neither shapes nor orders Arabic.
 *
 * <p>Per paragraph: numbers and Latin runs inside right-to-left text are isolated (U+2066…U+2069) so that
 * "20-21" or "09:30 – 12:30" keep their order; each word is shaped with ICU in logical order (presentation
 * forms, lam-alef ligature) and measured with the face that will draw each character; lines are broken
 * between logical words; each line is then put in visual order with ICU {@link Bidi} (mirroring brackets,
 * dropping the controls) and cut into visual words, each a sequence of runs of one face.
 *
 * <p>Spaces are never drawn: the gaps between visual words are computed, which keeps measurement and
 * drawing identical and lets justified lines stretch the gaps. Thread-safe; set paragraphs (immutable) are
 * cached, since most of them are the same in every letter of an event.
 */
final class Typesetter {
    static final char LRI = '\u2066';
    static final char FSI = '\u2068';
    static final char PDI = '\u2069';

    // Shaping in logical order, before bidi: ICU's recommended order. Digits stay Western (Moroccan usage).
    private static final ArabicShaping SHAPER = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
            | ArabicShaping.LENGTH_GROW_SHRINK | ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.DIGITS_NOOP);
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private static final int CACHE_SIZE = 4096;

    private final LetterFonts fonts;
    private final Map<Key, Paragraph> cache = new ConcurrentHashMap<>();

    Typesetter(LetterFonts fonts) {
        this.fonts = fonts;
    }

    /** Sets a text in lines no wider than {@code width}; '\n' forces a line break. Blank text has no line. */
    Paragraph typeset(String text, TextStyle style, float width) {
        if (text == null || text.isBlank()) {
            return new Paragraph(List.of(), style, width);
        }
        // most of a letter (letterhead, event, sessions, formulas) is the same for every invitee of an event
        Key key = new Key(text, style, width);
        Paragraph cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Line> lines = new ArrayList<>();
        for (String hardLine : text.split("\n", -1)) {
            setLines(hardLine, style, width, lines);
        }
        Paragraph paragraph = new Paragraph(List.copyOf(lines), style, width);
        if (cache.size() >= CACHE_SIZE) {
            cache.clear(); // crude bound: refilled within a few letters
        }
        cache.put(key, paragraph);
        return paragraph;
    }

    private record Key(String text, TextStyle style, float width) {
    }

    private void setLines(String text, TextStyle style, float width, List<Line> out) {
        String logical = clean(text);
        if (style.rtl()) {
            logical = isolateLeftToRight(logical);
        } else {
            logical = isolateRightToLeft(logical);
        }
        List<ShapedWord> words = shapeWords(logical, style);
        if (words.isEmpty()) {
            out.add(new Line(List.of(), 0, true, null));
            return;
        }
        float space = spaceWidth(style);
        List<ShapedWord> line = new ArrayList<>();
        float lineWidth = 0;
        int i = 0;
        while (i < words.size()) {
            // a unit is a word and the words glued to it (inside an isolate): never broken
            int end = i + 1;
            float unitWidth = words.get(i).width();
            while (end < words.size() && !words.get(end).breakBefore()) {
                unitWidth += space + words.get(end).width();
                end++;
            }
            if (!line.isEmpty() && lineWidth + space + unitWidth > width) {
                out.add(visualLine(line, style, false));
                line = new ArrayList<>();
                lineWidth = 0;
            }
            lineWidth += (line.isEmpty() ? 0 : space) + unitWidth;
            line.addAll(words.subList(i, end));
            i = end;
        }
        out.add(visualLine(line, style, true));
    }

    float spaceWidth(TextStyle style) {
        return fonts.advance(style.face(), ' ') * style.size() / 1000f;
    }

    // ---- cleaning and isolation (logical order) ----

    /** Drops what cannot be drawn or would disturb the ordering; '?' for characters no face has. */
    private String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\r' || cp == '\u2028' || cp == '\u2029') {
                sb.append(' ');
            } else if (isBidiControl(cp) || Character.getType(cp) == Character.CONTROL) {
                // data never carries its own bidi controls: only ours, inserted after this
                continue;
            } else if (cp == ' ' || isArabic(cp) || anyFaceHas(cp)) {
                sb.appendCodePoint(cp);
            } else if (!UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                sb.append('?');
            }
        }
        return sb.toString();
    }

    /**
     * Wraps every run that starts and ends with a Latin letter or a digit (and holds only those, spaces and
     * separators such as - – / : . ,) in LRI…PDI: inside right-to-left text, bidi would otherwise put "20-21"
     * as "21-20" and the two times of "09:30 – 12:30" in reverse order.
     */
    static String isolateLeftToRight(String text) {
        StringBuilder sb = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isLeftToRightCore(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i > 0 && text.charAt(i - 1) == '+' ? i - 1 : i; // +212 …
            int last = i + Character.charCount(cp);
            int k = last;
            while (k < n) {
                int c = text.codePointAt(k);
                if (isLeftToRightCore(c)) {
                    k += Character.charCount(c);
                    last = k;
                } else if (isSeparatorInside(c)) {
                    k += Character.charCount(c);
                } else {
                    break;
                }
            }
            if (sb == null) {
                sb = new StringBuilder(n + 8);
            }
            sb.append(text, copied, start).append(LRI).append(text, start, last).append(PDI);
            copied = last;
            i = last;
        }
        return sb == null ? text : sb.append(text, copied, n).toString();
    }

    /**
     * Wraps every Arabic run of a left-to-right paragraph (an Arabic-only name or title in the French column) in
     * FSI…PDI, so that it takes its own direction (first strong: right to left) and its brackets resolve inside it,
     * while the guillemets or commas around it stay where the French text put them. A run goes from an Arabic
     * letter to the last Arabic letter or digit before a Latin letter or other punctuation, with the closing
     * brackets of the brackets it opened. The words inside may still break across lines.
     */
    static String isolateRightToLeft(String text) {
        StringBuilder sb = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!isArabicLetter(c)) {
                i++;
                continue;
            }
            int last = i + 1;
            int k = last;
            while (k < n) {
                char d = text.charAt(k);
                if (isArabicLetter(d) || (d >= '0' && d <= '9') || LetterFonts.isMark(d)) {
                    k++;
                    last = k;
                } else if (isInsideRightToLeft(d)) {
                    k++;
                } else {
                    break;
                }
            }
            int open = 0;
            for (int j = i; j < last; j++) {
                char d = text.charAt(j);
                open += d == '(' || d == '[' ? 1 : d == ')' || d == ']' ? -1 : 0;
            }
            while (open > 0 && last < n && (text.charAt(last) == ')' || text.charAt(last) == ']')) {
                last++;
                open--;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 8);
            }
            sb.append(text, copied, i).append(FSI).append(text, i, last).append(PDI);
            copied = last;
            i = last;
        }
        return sb == null ? text : sb.append(text, copied, n).toString();
    }

    private static boolean isArabicLetter(char c) {
        return isArabic(c) && Character.isLetter(c);
    }

    private static boolean isInsideRightToLeft(char c) {
        return switch (c) {
            case ' ', '\u00A0', '(', ')', '[', ']', '-', '/', ':', '.', ',', '\u060C', '\u061B', '\u061F' -> true;
            default -> false;
        };
    }

    private static boolean isLeftToRightCore(int cp) {
        return (cp >= '0' && cp <= '9') || (Character.isLetter(cp) && UScript.getScript(cp) == UScript.LATIN);
    }

    private static boolean isSeparatorInside(int cp) {
        return switch (cp) {
            case ' ', '\u00A0', '\u202F', '-', '\u2010', '\u2011', '\u2013', '\u2014', '/', ':', '.', ',', '\'',
                    '\u2019', '+', '&' -> true;
            default -> Character.getType(cp) == Character.NON_SPACING_MARK;
        };
    }

    // ---- shaping and measuring (logical order) ----

    private List<ShapedWord> shapeWords(String logical, TextStyle style) {
        List<ShapedWord> words = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean breakBefore = true;
        for (int i = 0; i <= logical.length(); i++) {
            char c = i < logical.length() ? logical.charAt(i) : ' ';
            if (c == LRI) {
                depth++;
            } else if (c == PDI) {
                depth = Math.max(0, depth - 1);
            } else if (c == ' ') {
                if (i > start) {
                    words.add(shape(logical.substring(start, i), style, breakBefore));
                }
                start = i + 1;
                breakBefore = depth == 0;
            }
        }
        return words;
    }

    private ShapedWord shape(String word, TextStyle style, boolean breakBefore) {
        String shaped = containsArabic(word) ? shapeArabic(word) : word;
        Face[] faces = new Face[shaped.length()];
        assignFaces(shaped, faces, style.face());
        float width = 0;
        int previous = -1;
        Face previousFace = null;
        for (int i = 0; i < shaped.length(); ) {
            int cp = shaped.codePointAt(i);
            // marks take no room (their anchors place them); kerning between neighbours of one face, as drawn
            if (!isBidiControl(cp) && !LetterFonts.isMark(cp)) {
                float advance = fonts.advance(faces[i], cp);
                if (previous >= 0 && previousFace == faces[i]) {
                    advance += fonts.kerning(faces[i], previous, cp);
                }
                width += advance * scale(faces[i], style.face());
                previous = cp;
                previousFace = faces[i];
            }
            i += Character.charCount(cp);
        }
        return new ShapedWord(word, shaped, faces, width * style.size() / 1000f, breakBefore);
    }

    private String shapeArabic(String word) {
        String shaped;
        try {
            shaped = SHAPER.shape(word);
        } catch (ArabicShapingException e) {
            throw new IllegalStateException("cannot shape " + word, e);
        }
        StringBuilder sb = new StringBuilder(shaped.length());
        for (int i = 0; i < shaped.length(); i++) {
            char c = shaped.charAt(i);
            if (c >= '\uFE70' && c <= '\uFE7F') {
                // ICU returns harakat as spacing forms; fonts position the combining marks
                int mark = HARAKAT[c - 0xFE70];
                if (mark != 0) {
                    sb.append((char) mark);
                }
            } else if (isPresentationForm(c) && !anyFaceHas(c)) {
                // a shaped form the font lacks: the letter's own (unjoined) glyph beats a missing one
                sb.append(NFKC.normalize(String.valueOf(c)));
            } else {
                sb.append(c);
            }
        }
        return shaddaFirst(sb);
    }

    /**
     * Puts a shadda first among the marks of its letter (Unicode's canonical order puts it after the vowels), so
     * that the vowel is then stacked on it ({@link LetterFonts#markOnMark}).
     */
    static String shaddaFirst(StringBuilder sb) {
        for (int i = 1; i < sb.length(); i++) {
            if (sb.charAt(i) == '\u0651') {
                int j = i;
                while (j > 0 && LetterFonts.isMark(sb.charAt(j - 1)) && sb.charAt(j - 1) != '\u0651') {
                    sb.setCharAt(j, sb.charAt(j - 1));
                    j--;
                }
                sb.setCharAt(j, '\u0651');
            }
        }
        return sb.toString();
    }

    // U+FE70..U+FE7F: isolated and medial spacing forms of the harakat; U+FE73 and U+FE75 are no mark
    private static final int[] HARAKAT = {
            0x064B, 0x064B, 0x064C, 0, 0x064D, 0, 0x064E, 0x064E,
            0x064F, 0x064F, 0x0650, 0x0650, 0x0651, 0x0651, 0x0652, 0x0652};

    /**
     * The face of each character: its script's face in the paragraph's weight; a neutral character (digit,
     * punctuation, mark) takes the face of the letter before it in the word, or after it, so that "ANRA-2024"
     * or a time after Arabic words is drawn in one face. Falls back to any face that has the glyph.
     */
    private void assignFaces(String s, Face[] faces, Face primary) {
        Face previous = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            Face face = scriptFace(cp, primary);
            int count = Character.charCount(cp);
            if (face != null) {
                previous = face;
            }
            Arrays.fill(faces, i, i + count, face == null ? previous : face);
            i += count;
        }
        Face next = null;
        for (int i = s.length() - 1; i >= 0; i--) {
            if (faces[i] == null) {
                faces[i] = next != null ? next : primary;
            } else {
                next = faces[i];
            }
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int count = Character.charCount(cp);
            if (!isBidiControl(cp) && !fonts.has(faces[i], cp)) {
                Arrays.fill(faces, i, i + count, fallback(cp, faces[i], primary));
            }
            i += count;
        }
    }

    /**
     * Size of a face relative to the paragraph's: Noto Sans letters and digits are tall next to Naskh's, and
     * Naskh small next to Sans's; a Latin name or a date inside Arabic text (and the reverse) is scaled to match.
     */
    static float scale(Face face, Face primary) {
        boolean latin = face == Face.SANS || face == Face.SANS_BOLD;
        boolean arabic = face == Face.NASKH || face == Face.NASKH_BOLD;
        boolean arabicParagraph = primary == Face.NASKH || primary == Face.NASKH_BOLD;
        if (latin && arabicParagraph) {
            return 0.88f;
        }
        if (arabic && !arabicParagraph && primary != Face.TIFINAGH) {
            return 1.12f;
        }
        return 1f;
    }

    private static Face scriptFace(int cp, Face primary) {
        if (isArabic(cp)) {
            return primary.arabic();
        }
        if (cp >= 0x2D30 && cp <= 0x2D7F) {
            return Face.TIFINAGH;
        }
        if ((cp >= '0' && cp <= '9') || (Character.isLetter(cp) && UScript.getScript(cp) == UScript.LATIN)) {
            return primary.latin();
        }
        return null;
    }

    private Face fallback(int cp, Face chosen, Face primary) {
        for (Face face : new Face[] {primary, chosen.latin(), chosen.arabic(), Face.TIFINAGH}) {
            if (fonts.has(face, cp)) {
                return face;
            }
        }
        return chosen;
    }

    private boolean anyFaceHas(int cp) {
        for (Face face : Face.values()) {
            if (fonts.has(face, cp)) {
                return true;
            }
        }
        return false;
    }

    // ---- visual order ----

    private Line visualLine(List<ShapedWord> words, TextStyle style, boolean last) {
        int length = words.size() - 1;
        for (ShapedWord w : words) {
            length += w.text().length();
        }
        StringBuilder logical = new StringBuilder(length);
        Face[] faces = new Face[length];
        for (ShapedWord w : words) {
            if (logical.length() > 0) {
                faces[logical.length()] = style.face();
                logical.append(' ');
            }
            System.arraycopy(w.faces(), 0, faces, logical.length(), w.text().length());
            logical.append(w.text());
        }
        String s = logical.toString();

        StringBuilder typed = new StringBuilder(length);
        for (ShapedWord w : words) {
            if (typed.length() > 0) {
                typed.append(' ');
            }
            typed.append(w.source());
        }
        VisualBuilder visual = new VisualBuilder(style, ActualText.of(typed));
        if (!style.rtl() && !containsRightToLeft(s)) {
            visual.append(s, faces, 0, s.length(), false);
        } else {
            Bidi bidi = new Bidi();
            bidi.setPara(s, style.rtl() ? Bidi.RTL : Bidi.LTR, null);
            int runs = bidi.countRuns();
            for (int r = 0; r < runs; r++) {
                BidiRun run = bidi.getVisualRun(r);
                visual.append(s, faces, run.getStart(), run.getLimit(), run.isOddRun());
            }
        }
        return visual.line(last);
    }

    /** Collects characters in visual order and cuts them into words and runs of one face. */
    private final class VisualBuilder {
        private final TextStyle style;
        private final String actualText;
        private final List<Word> words = new ArrayList<>();
        private final List<Run> runs = new ArrayList<>();
        private final StringBuilder run = new StringBuilder();
        private int[] codePoints = new int[32];
        private boolean[] reversed = new boolean[32];
        private int count;
        private Face runFace;
        private float wordWidth;

        VisualBuilder(TextStyle style, String actualText) {
            this.style = style;
            this.actualText = actualText;
        }

        void append(String s, Face[] faces, int start, int limit, boolean reversedRun) {
            if (!reversedRun) {
                for (int i = start; i < limit; ) {
                    int cp = s.codePointAt(i);
                    add(cp, faces[i], false);
                    i += Character.charCount(cp);
                }
            } else {
                for (int i = limit; i > start; ) {
                    int cp = s.codePointBefore(i);
                    i -= Character.charCount(cp);
                    add(UCharacter.isMirrored(cp) ? UCharacter.getMirror(cp) : cp, faces[i], true);
                }
            }
        }

        private void add(int cp, Face face, boolean rtl) {
            if (isBidiControl(cp)) {
                return;
            }
            if (cp == ' ') {
                endWord();
                return;
            }
            if (face != runFace) {
                endRun();
                runFace = face;
            }
            run.appendCodePoint(cp);
            if (count == codePoints.length) {
                codePoints = Arrays.copyOf(codePoints, 2 * count);
                reversed = Arrays.copyOf(reversed, 2 * count);
            }
            codePoints[count] = cp;
            reversed[count++] = rtl;
        }

        private void endRun() {
            if (run.length() > 0) {
                float[] x = new float[count];
                float[] y = new float[count];
                float advance = position(runFace, codePoints, reversed, count, x, y);
                String text = baseBeforeMarks(codePoints, reversed, count, x, y);
                float size = style.size() * scale(runFace, style.face());
                float width = advance * size / 1000f;
                runs.add(new Run(runFace, text == null ? run.toString() : text, width, size, x, hasRise(y) ? y : null));
                wordWidth += width;
                run.setLength(0);
                count = 0;
            }
        }

        private void endWord() {
            endRun();
            if (!runs.isEmpty()) {
                words.add(new Word(List.copyOf(runs), wordWidth));
                runs.clear();
                wordWidth = 0;
            }
        }

        Line line(boolean last) {
            endWord();
            float width = 0;
            for (Word w : words) {
                width += w.width();
            }
            width += Math.max(0, words.size() - 1) * spaceWidth(style);
            return new Line(List.copyOf(words), width, last, actualText);
        }
    }

    /**
     * In a reversed (right-to-left) run the marks of a letter come before it in visual order; they are drawn
     * after it instead, in logical order, at the positions already computed: text extraction (PDFBox) merges a
     * mark into the letter drawn just before it that holds it. Returns the new text, or null when unchanged.
     */
    private static String baseBeforeMarks(int[] cps, boolean[] reversed, int n, float[] x, float[] y) {
        boolean any = false;
        for (int i = 0; i + 1 < n && !any; i++) {
            any = reversed[i] && LetterFonts.isMark(cps[i]);
        }
        if (!any) {
            return null;
        }
        int i = 0;
        while (i < n) {
            if (!reversed[i] || !LetterFonts.isMark(cps[i])) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && reversed[end] && LetterFonts.isMark(cps[end])) {
                end++;
            }
            if (end < n && reversed[end]) {
                // marks i..end-1 (visual: last logical first), then their letter at end: letter, then marks reversed
                rotate(cps, x, y, i, end);
            }
            i = end + 1;
        }
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.appendCodePoint(cps[k]);
        }
        return sb.toString();
    }

    private static void rotate(int[] cps, float[] x, float[] y, int from, int base) {
        int cp = cps[base];
        float bx = x[base];
        float by = y[base];
        for (int a = from, b = base - 1; a < b; a++, b--) {
            swap(cps, x, y, a, b);
        }
        System.arraycopy(cps, from, cps, from + 1, base - from);
        System.arraycopy(x, from, x, from + 1, base - from);
        System.arraycopy(y, from, y, from + 1, base - from);
        cps[from] = cp;
        x[from] = bx;
        y[from] = by;
    }

    private static void swap(int[] cps, float[] x, float[] y, int a, int b) {
        int c = cps[a];
        cps[a] = cps[b];
        cps[b] = c;
        float t = x[a];
        x[a] = x[b];
        x[b] = t;
        t = y[a];
        y[a] = y[b];
        y[b] = t;
    }

    private static boolean hasRise(float[] y) {
        for (float v : y) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Places the glyphs of one run (visual order) as the font's GPOS says: bases one after the other with the
     * kerning of each logical pair, each mark on the mark before it (mark-to-mark) or on its base (mark-to-base),
     * else where the pen stands. Fills {@code x} (origins from the run's start) and {@code y} (rise), in
     * thousandths of the font size, and returns the run's advance.
     */
    float position(Face face, int[] cps, boolean[] reversed, int n, float[] x, float[] y) {
        float pen = 0;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int cp = cps[i];
            if (LetterFonts.isMark(cp)) {
                x[i] = pen; // until its anchors are known
                continue;
            }
            if (previous >= 0 && reversed[previous] == reversed[i]) {
                pen += reversed[i] ? fonts.kerning(face, cp, cps[previous]) : fonts.kerning(face, cps[previous], cp);
            }
            x[i] = pen;
            pen += fonts.advance(face, cp);
            previous = i;
        }
        // marks in logical order: left to right in a left-to-right run, right to left in a reversed one
        for (int i = 0; i < n; i++) {
            if (!reversed[i] && LetterFonts.isMark(cps[i])) {
                placeMark(face, cps, reversed, n, x, y, i, -1);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (reversed[i] && LetterFonts.isMark(cps[i])) {
                placeMark(face, cps, reversed, n, x, y, i, 1);
            }
        }
        return pen;
    }

    private void placeMark(Face face, int[] cps, boolean[] reversed, int n, float[] x, float[] y, int i, int step) {
        int before = i + step; // the character logically before the mark
        if (before < 0 || before >= n || reversed[before] != reversed[i]) {
            return;
        }
        if (LetterFonts.isMark(cps[before])) {
            float[] onMark = fonts.markOnMark(face, cps[i], cps[before]);
            if (onMark != null) {
                x[i] = x[before] + onMark[0];
                y[i] = y[before] + onMark[1];
                return;
            }
        }
        int base = before;
        while (base >= 0 && base < n && LetterFonts.isMark(cps[base])) {
            base += step;
        }
        if (base < 0 || base >= n || reversed[base] != reversed[i]) {
            return;
        }
        float[] onBase = fonts.markOnBase(face, cps[i], cps[base]);
        if (onBase != null) {
            x[i] = x[base] + onBase[0];
            y[i] = onBase[1];
        } else if (step > 0) {
            // no anchor (a lam-alef with hamza below and its kasra): at the letter's origin as before, a thousandth
            // of an em inside it, so that text extraction still finds the mark within its letter
            x[i] = x[base] + 1;
        }
    }

    // ---- character classes ----

    static boolean isBidiControl(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    static boolean isArabic(int cp) {
        return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF)
                || isPresentationForm(cp);
    }

    private static boolean isPresentationForm(int cp) {
        return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    }

    private static boolean containsArabic(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isArabic(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsRightToLeft(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0590 && (isArabic(c) || (c >= 0x0590 && c <= 0x05FF) || c == 0x200F)) {
                return true;
            }
        }
        return false;
    }

    // ---- results ----

    /** A word as typed ({@code source}, with our isolate controls) and as drawn ({@code text}, shaped). */
    private record ShapedWord(String source, String text, Face[] faces, float width, boolean breakBefore) {
    }

    /**
     * Glyphs of one face, in drawing (visual) order, at their font size; {@code x} is each glyph's origin from the
     * run's start and {@code y} its rise (null when none), in thousandths of the font size, per code point.
     */
    record Run(Face face, String text, float width, float size, float[] x, float[] y) {
    }

    /** A visual word: runs drawn side by side, no space inside. */
    record Word(List<Run> runs, float width) {
    }

    /**
     * One line: its words in visual order (left to right) and its natural width with normal gaps; {@code actualText}
     * is what text extraction should read instead of the glyphs ({@link ActualText}), null when the glyphs suffice.
     */
    record Line(List<Word> words, float width, boolean last, String actualText) {
    }

    /** A set paragraph, and what it is in the document's structure. */
    record Paragraph(List<Line> lines, TextStyle style, float width, Mark.Role role) {
        Paragraph(List<Line> lines, TextStyle style, float width) {
            this(lines, style, width, Mark.Role.P);
        }

        /** The same paragraph in another role (a heading, say). */
        Paragraph as(Mark.Role newRole) {
            return new Paragraph(lines, style, width, newRole);
        }

        float height() {
            return lines.size() * style.leading();
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }
    }
}
