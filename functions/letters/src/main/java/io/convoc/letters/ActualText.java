package io.convoc.letters;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;

/**
 * The /ActualText of a line for poppler's {@code pdftotext}, so that it returns the line as typed (logical order,
 * letters rather than shaped forms, harakat after their letter).
 *
 * <p>poppler does not take an ActualText as final: it lays its characters out over the glyphs it replaces, as if
 * they were glyphs in visual order, and runs its own reordering on the line: every stretch that starts with a
 * right-to-left letter and runs until a left-to-right letter or a digit (or a comma, colon, full stop, hyphen,
 * slash: its "number" characters) is reversed, in place; everything else stays where it is, whatever the line's
 * direction. A typed (logical) ActualText thus comes out with each Arabic run reversed. This string is the typed
 * text with each run of right-to-left letters (with the spaces and brackets between them) reversed, closed by a
 * LEFT-TO-RIGHT MARK (U+200E) when a space or a bracket follows it, which poppler would otherwise take into the
 * reversal (and opened by a RIGHT-TO-LEFT MARK when it ends with harakat): poppler turns it back into the typed text,
 * with those invisible marks in it.
 *
 * <p>PDFBox reads an ActualText otherwise (as logical text, which it reverses, then reorders with the Unicode bidi
 * algorithm), and no one string satisfies both; PDFBox gets its text from the glyphs, which it already orders right
 * ({@link ContentWriter} keeps it from this string). Lines that poppler already reads right from their glyphs (only
 * Arabic words and spaces, without brackets, lam-alef ligature or harakat; or no right-to-left letter at all) get
 * none.
 */
final class ActualText {
    static final char LRM = '\u200E';
    static final char RLM = '\u200F';

    private ActualText() {
    }

    /** The ActualText for a typed line (our isolate controls may be in it), null when its glyphs read right. */
    static String of(CharSequence typed) {
        StringBuilder text = new StringBuilder(typed.length());
        boolean rightToLeft = false;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (!Typesetter.isBidiControl(c)) {
                text.append(c);
                rightToLeft |= isRightToLeft(c);
            }
        }
        if (!rightToLeft) {
            return null;
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 4);
        boolean wholeRun = false;
        boolean needed = false;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isRightToLeft(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            // a run: right-to-left letters, their marks, and the spaces and brackets between them
            int end = i + Character.charCount(cp);
            needed |= isLamAlef(text, cp, end);
            int k = end;
            while (k < n) {
                int c = text.codePointAt(k);
                int direction = UCharacter.getDirection(c);
                k += Character.charCount(c);
                if (isRightToLeft(c) || direction == UCharacterDirection.DIR_NON_SPACING_MARK) {
                    end = k;
                    needed |= direction == UCharacterDirection.DIR_NON_SPACING_MARK || isLamAlef(text, c, k);
                } else if (isStrongOrNumber(direction)) {
                    break;
                } else {
                    // a bracket is drawn mirrored in a right-to-left run; poppler reverses without mirroring back
                    needed |= UCharacter.isMirrored(c);
                }
            }
            wholeRun = i == 0 && end == n;
            if (UCharacter.getDirection(text.codePointBefore(end)) == UCharacterDirection.DIR_NON_SPACING_MARK) {
                // reversed, the run starts with its last letter's marks: poppler would leave them out of the
                // reversal (it starts at a right-to-left letter), unless a RIGHT-TO-LEFT MARK comes first
                out.append(RLM);
            }
            for (int j = end; j > i; ) {
                int c = text.codePointBefore(j);
                out.appendCodePoint(c);
                j -= Character.charCount(c);
            }
            if (end < n && !isStrongOrNumber(UCharacter.getDirection(text.codePointAt(end)))) {
                out.append(LRM);
            }
            i = end;
        }
        return wholeRun && !needed ? null : out.toString();
    }

    private static boolean isRightToLeft(int cp) {
        int direction = UCharacter.getDirection(cp);
        return direction == UCharacterDirection.RIGHT_TO_LEFT || direction == UCharacterDirection.RIGHT_TO_LEFT_ARABIC;
    }

    /** Where poppler ends the reversal of a right-to-left run: a left-to-right letter, a digit or its separators. */
    private static boolean isStrongOrNumber(int direction) {
        return switch (direction) {
            case UCharacterDirection.LEFT_TO_RIGHT, UCharacterDirection.EUROPEAN_NUMBER,
                    UCharacterDirection.EUROPEAN_NUMBER_SEPARATOR, UCharacterDirection.EUROPEAN_NUMBER_TERMINATOR,
                    UCharacterDirection.COMMON_NUMBER_SEPARATOR, UCharacterDirection.ARABIC_NUMBER -> true;
            default -> false;
        };
    }

    /** A lam followed by an alef: drawn as one ligature glyph, which poppler reads as that ligature's code point. */
    private static boolean isLamAlef(CharSequence text, int cp, int next) {
        if (cp != '\u0644') {
            return false;
        }
        while (next < text.length() && LetterFonts.isMark(text.charAt(next))) {
            next++;
        }
        if (next >= text.length()) {
            return false;
        }
        char alef = text.charAt(next);
        return alef == '\u0622' || alef == '\u0623' || alef == '\u0625' || alef == '\u0627';
    }
}
