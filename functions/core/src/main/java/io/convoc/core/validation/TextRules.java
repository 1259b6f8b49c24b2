package io.convoc.core.validation;

import java.util.List;

/** Rules for free text typed by a person: names, titles, organisations. */
public final class TextRules {
    private TextRules() {
    }

    /**
     * Refuses control characters and the bidi embedding, override and isolate characters: they can
     * make a name display as something other than what it is (a letter, a mail subject, a console).
     */
    public static void check(String field, String value, int maxLength, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(FieldError.of(field, "too_long", maxLength));
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isBidiControl(cp)) {
                errors.add(FieldError.of(field, "bidi_control", String.format("U+%04X", cp)));
                return;
            }
            if (Character.getType(cp) == Character.CONTROL) {
                errors.add(FieldError.of(field, "control_character", String.format("U+%04X", cp)));
                return;
            }
            i += Character.charCount(cp);
        }
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Trims and folds runs of white space; null stays null. */
    public static String clean(String value) {
        return value == null ? null : value.strip().replaceAll("[\\s&&[^\\r\\n\\t]]+", " ");
    }
}
