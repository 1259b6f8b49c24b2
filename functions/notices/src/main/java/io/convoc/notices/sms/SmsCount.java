package io.convoc.notices.sms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an SMS costs, counted as carriers count it.
 *
 * <p>GSM 7-bit when every character is in the GSM 03.38 alphabet: 160 septets in one part, else parts of 153;
 * extension characters ({@code ^ { } \ [ ~ ] | €} and form feed) take two septets and an ESC pair is never split
 * across parts. Otherwise UCS-2: 70 UTF-16 code units in one part, else parts of 67; a surrogate pair (an emoji, say)
 * is never split across parts. Either way a part may end short of its capacity.
 *
 * @param encoding           GSM 7-bit, or UCS-2 as soon as one character is outside GSM
 * @param units              septets (GSM) or UTF-16 code units (UCS-2) of the whole text
 * @param parts              messages the carrier sends and bills, at least 1
 * @param remainingInLastPart units that could still be added to the last part without a new one
 * @param nonGsmCharacters   the characters that forced UCS-2, each once, in order of appearance (for organizers)
 */
public record SmsCount(SmsEncoding encoding, int units, int parts, int remainingInLastPart,
                       List<String> nonGsmCharacters) {

    public SmsCount {
        Objects.requireNonNull(encoding, "encoding");
        nonGsmCharacters = List.copyOf(nonGsmCharacters);
    }

    public static SmsCount of(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Set<String> nonGsm = new LinkedHashSet<>();
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            int n = Character.charCount(cp);
            if (n > 1 || !GsmAlphabet.isGsm(text.charAt(i))) {
                nonGsm.add(new String(Character.toChars(cp)));
            }
            i += n;
        }
        return nonGsm.isEmpty() ? gsm(text) : ucs2(text, new ArrayList<>(nonGsm));
    }

    /** Units of one part of a message of this many parts: what a preview shows as "n / 160" or "n / 153". */
    public int unitsPerPart() {
        return parts == 1 ? encoding.singlePart() : encoding.perPartWhenConcatenated();
    }

    private static SmsCount gsm(CharSequence text) {
        SmsEncoding enc = SmsEncoding.GSM_7BIT;
        int units = 0;
        for (int i = 0; i < text.length(); i++) {
            units += GsmAlphabet.septets(text.charAt(i));
        }
        if (units <= enc.singlePart()) {
            return new SmsCount(enc, units, 1, enc.singlePart() - units, List.of());
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = GsmAlphabet.septets(text.charAt(i));
            // an ESC pair that does not fit goes whole to the next part
            if (used + w > enc.perPartWhenConcatenated()) {
                parts++;
                used = 0;
            }
            used += w;
        }
        return new SmsCount(enc, units, parts, enc.perPartWhenConcatenated() - used, List.of());
    }

    private static SmsCount ucs2(CharSequence text, List<String> nonGsm) {
        SmsEncoding enc = SmsEncoding.UCS_2;
        int units = text.length();
        if (units <= enc.singlePart()) {
            return new SmsCount(enc, units, 1, enc.singlePart() - units, nonGsm);
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            boolean pair = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int w = pair ? 2 : 1;
            // a surrogate pair split across parts would show as two broken characters
            if (used + w > enc.perPartWhenConcatenated()) {
                parts++;
                used = 0;
            }
            used += w;
            i += w;
        }
        return new SmsCount(enc, units, parts, enc.perPartWhenConcatenated() - used, nonGsm);
    }
}
