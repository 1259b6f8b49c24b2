package io.convoc.core.validation;

import java.util.List;

/** Rules for free text typed by a person: names, titles, organisations. */
public final class TextRules {
    /** Characters echoed back in an error message, at most. */
    public static final int EXCERPT = 32;

    private TextRules() {
    }

    /**
     * Refuses what would print as something other than what was typed, or not at all: control characters, the bidi
     * embedding, override and isolate characters, halves of a character (unpaired surrogates), characters lost in
     * decoding (U+FFFD), characters no font of the letter has ({@link LetterCharset}), and text made only of
     * invisible characters. The directional marks Arabic keyboards add (U+200E, U+200F, U+061C) and the joiners
     * (U+200C, U+200D) are allowed inside text: the letter drops them ({@link #clean} trims them from the ends).
     */
    public static void check(String field, String value, int maxLength, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(FieldError.of(field, "too_long", maxLength));
            return;
        }
        if (value.codePoints().allMatch(TextRules::isInvisible)) {
            errors.add(FieldError.of(field, "invisible_only"));
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SURROGATE) {
                errors.add(FieldError.of(field, "invalid_character", codePoint(cp)));
                return;
            }
            if (cp == 0xFFFD) {
                errors.add(FieldError.of(field, "unreadable_character", codePoint(cp)));
                return;
            }
            if (isBidiControl(cp)) {
                errors.add(FieldError.of(field, "bidi_control", codePoint(cp)));
                return;
            }
            if (Character.getType(cp) == Character.CONTROL) {
                errors.add(FieldError.of(field, "control_character", codePoint(cp)));
                return;
            }
            if (!isAllowedMark(cp) && !LetterCharset.accepts(cp)) {
                errors.add(FieldError.of(field, "unsupported_character", named(cp)));
                return;
            }
        }
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** U+200E, U+200F, U+061C: what Arabic keyboards and spreadsheets add around words. */
    public static boolean isDirectionalMark(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    private static boolean isAllowedMark(int cp) {
        return isDirectionalMark(cp) || cp == 0x200C || cp == 0x200D;
    }

    /** White space, format characters (zero-width, marks, BOM) and other default-ignorable code points. */
    static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
                || type == Character.CONTROL || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
                || cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE0FFF)
                || cp == 0x180E || cp == 0x2800;
    }

    /**
     * Trims white space and directional marks from both ends and folds runs of white space; null stays null.
     * Directional marks inside the text are kept (the letter drops them).
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && trimmable(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && trimmable(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end).replaceAll("[\\s&&[^\\r\\n\\t]]+", " ");
    }

    private static boolean trimmable(int cp) {
        return Character.isWhitespace(cp) || isDirectionalMark(cp) || cp == 0xFEFF;
    }

    /** Removes every directional mark: for values that are codes, not text (enumerations, e-mail, phone). */
    public static String withoutMarks(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().filter(cp -> !isDirectionalMark(cp) && cp != 0xFEFF).forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }

    /**
     * What an error message may quote of a value typed: its first {@value #EXCERPT} characters, every character that
     * is not plainly printable (controls, bidi and invisible characters, halves of characters, characters the letter
     * cannot draw) written as {@code \\u{XXXX}}, and "…" when cut.
     */
    public static String excerpt(String value) {
        return excerpt(value, EXCERPT);
    }

    /** {@link #excerpt(String)} with another length, for messages of parsers (which quote the input). */
    public static String excerpt(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (count++ == max) {
                sb.append('…');
                break;
            }
            boolean plain = cp != '\\' && LetterCharset.accepts(cp) && !isBidiControl(cp)
                    && Character.getType(cp) != Character.CONTROL && Character.getType(cp) != Character.FORMAT;
            if (plain) {
                sb.appendCodePoint(cp);
            } else if (cp == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(String.format("\\u{%04X}", cp));
            }
        }
        return sb.toString();
    }

    /** "U+202E". */
    public static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }

    /** "U+1F600 GRINNING FACE". */
    public static String named(int cp) {
        String name = Character.getName(cp);
        return codePoint(cp) + (name == null ? "" : " " + name);
    }
}
