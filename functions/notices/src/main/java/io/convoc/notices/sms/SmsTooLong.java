package io.convoc.notices.sms;

import io.convoc.notices.UnsendableNotice;

import java.util.List;

/**
 * The SMS of a notice takes more parts than allowed (even in its short wording, for the kinds that have one): the
 * notice is not sent by SMS.
 */
public class SmsTooLong extends UnsendableNotice {
    private final int parts;
    private final int maxParts;
    private final List<SmsText> messages;

    public SmsTooLong(String message, int parts, int maxParts) {
        this(message, parts, maxParts, List.of());
    }

    public SmsTooLong(String message, int parts, int maxParts, List<SmsText> messages) {
        super("sms_too_long", message);
        this.parts = parts;
        this.maxParts = maxParts;
        this.messages = List.copyOf(messages);
    }

    /** Parts the refused SMS would take, all its messages together (the short wording's, where there is one). */
    public int parts() {
        return parts;
    }

    public int maxParts() {
        return maxParts;
    }

    /** The refused messages, one per language, each with what it costs (what an organizers' preview shows). */
    public List<SmsText> messages() {
        return messages;
    }
}
