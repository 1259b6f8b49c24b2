package io.convoc.notices.sms;

/**
 * @param gsmSafeFrench write French without the characters that force UCS-2 (ê→e, ç→c, ’→'…), so that a French SMS
 *                      holds 160 characters a part rather than 70; on by default
 * @param maxParts      the most SMS parts one notice may take, all its messages together (it is what it costs);
 *                      6 by default
 */
public record SmsSettings(boolean gsmSafeFrench, int maxParts) {
    public static final SmsSettings DEFAULTS = new SmsSettings(true, 6);

    public SmsSettings {
        // 255 is the most parts the concatenation header can number
        if (maxParts < 1 || maxParts > 255) {
            throw new IllegalArgumentException("maxParts must be between 1 and 255: " + maxParts);
        }
    }
}
