package io.convoc.notices;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values from people and from event data, made safe to put in a notice: one line, no control characters and
 * no bidi embedding, override or isolate characters. A line break in a name must not start a new header or a
 * new line of a text; an override (U+202E) must not make a name display as something else.
 */
public final class PlainValues {
    // C0/C1 controls (CR, LF, tab…), NEL, line and paragraph separators, and the bidi embeddings/overrides/isolates
    private static final Pattern BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");
    private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]{2,}");

    private PlainValues() {
    }

    /** One line: line breaks and controls become a space, bidi controls go, runs of spaces fold. Null gives "". */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        String s = BIDI_CONTROLS.matcher(value).replaceAll("");
        s = BREAKS_AND_CONTROLS.matcher(s).replaceAll(" ");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** A text of several paragraphs (practical information): one clean line per non-blank paragraph. */
    public static List<String> paragraphs(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("\\R+")).map(PlainValues::oneLine).filter(s -> !s.isEmpty()).toList();
    }

    /** The text in {@code language}, or in the other language when the event gave none in this one. */
    public static String in(Bilingual value, Language language) {
        if (value == null) {
            return "";
        }
        String text = value.in(language);
        if (text.isBlank()) {
            text = value.in(language == Language.AR ? Language.FR : Language.AR);
        }
        return oneLine(text);
    }
}
