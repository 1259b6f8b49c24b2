package io.convoc.notices.sms;

/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038) and its extension table. Characters of the extension table are
 * sent as ESC plus a septet, so they take two septets, and the pair cannot be split across parts.
 */
public final class GsmAlphabet {
    // the 128 positions of the basic table, in order, without 0x1B (ESC, which introduces the extension table)
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private GsmAlphabet() {
    }

    /** Septets {@code c} takes: 1 in the basic table, 2 in the extension table, 0 when GSM cannot send it. */
    public static int septets(char c) {
        if (BASIC.indexOf(c) >= 0) {
            return 1;
        }
        if (EXTENSION.indexOf(c) >= 0) {
            return 2;
        }
        return 0;
    }

    public static boolean isGsm(char c) {
        return septets(c) > 0;
    }

    public static boolean isExtension(char c) {
        return EXTENSION.indexOf(c) >= 0;
    }

    /** Whether the whole text can be sent in the 7-bit alphabet. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isGsm(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
