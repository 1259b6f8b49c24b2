package io.convoc.notices.sms;

import io.convoc.notices.UnsendableNotice;

/** Even the short wording takes more SMS parts than allowed: the notice is not sent by SMS. */
public class SmsTooLong extends UnsendableNotice {
    private final int parts;
    private final int maxParts;

    public SmsTooLong(String message, int parts, int maxParts) {
        super("sms_too_long", message);
        this.parts = parts;
        this.maxParts = maxParts;
    }

    /** Parts the short wording would take. */
    public int parts() {
        return parts;
    }

    public int maxParts() {
        return maxParts;
    }
}
