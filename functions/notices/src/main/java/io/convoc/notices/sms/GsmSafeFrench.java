package io.convoc.notices.sms;

import java.text.Normalizer;
import java.util.Map;

/**
 * French written with the GSM 7-bit alphabet only: é è à ù É Ç are in it, but ê â î ô û ç œ, the typographic
 * apostrophe, « » and the non-breaking space are not, and a single one of them makes the whole SMS UCS-2: up to
 * 70 characters a part instead of 160. Only those characters are replaced (ê→e, ç→c, ’→', «→"…); everything the
 * alphabet has stays as written.
 */
public final class GsmSafeFrench {
    private static final Map<Character, String> REPLACEMENTS = Map.ofEntries(
            Map.entry('â', "a"), Map.entry('Â', "A"), Map.entry('À', "A"), Map.entry('á', "a"),
            Map.entry('ç', "c"),
            Map.entry('ê', "e"), Map.entry('ë', "e"), Map.entry('Ê', "E"), Map.entry('Ë', "E"), Map.entry('È', "E"),
            Map.entry('î', "i"), Map.entry('ï', "i"), Map.entry('Î', "I"), Map.entry('Ï', "I"),
            Map.entry('ô', "o"), Map.entry('Ô', "O"),
            Map.entry('û', "u"), Map.entry('Û', "U"), Map.entry('Ù', "U"),
            Map.entry('ÿ', "y"), Map.entry('Ÿ', "Y"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('’', "'"), Map.entry('‘', "'"), Map.entry('‚', "'"), Map.entry('′', "'"), Map.entry('`', "'"),
            Map.entry('«', "\""), Map.entry('»', "\""), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry('„', "\""), Map.entry('″', "\""),
            Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('‐', "-"), Map.entry('‑', "-"), Map.entry('−', "-"),
            Map.entry('…', "..."), Map.entry('•', "-"), Map.entry('·', "."), Map.entry('°', "o"),
            Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u2009', " "), Map.entry('\u2007', " "),
            Map.entry('\t', " "));

    private GsmSafeFrench() {
    }

    /**
     * {@code text} with each character outside the GSM alphabet replaced by its closest GSM spelling: the table
     * above, else the letter without its accent (ā→a, ș→s). A character with no GSM spelling (Arabic, an emoji)
     * stays as it is, so the result may still need UCS-2.
     */
    public static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GsmAlphabet.isGsm(c)) {
                out.append(c);
                continue;
            }
            String replacement = REPLACEMENTS.get(c);
            if (replacement == null) {
                replacement = withoutMarks(c);
            }
            out.append(replacement);
        }
        return out.toString();
    }

    private static String withoutMarks(char c) {
        if (Character.isSurrogate(c)) {
            return String.valueOf(c);
        }
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return !base.isEmpty() && GsmAlphabet.canEncode(base) ? base : String.valueOf(c);
    }
}
