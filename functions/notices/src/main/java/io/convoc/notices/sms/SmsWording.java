package io.convoc.notices.sms;

import java.util.Locale;

/** Each kind of SMS has two wordings in the bundle: {@code sms.<kind>.full} and {@code sms.<kind>.short}. */
public enum SmsWording {
    /** Event, dates, venue, link. */
    FULL,
    /**
     * Fewer words, the city rather than the venue: used when the full wording takes too many parts, and for a
     * confirmation whenever it costs fewer parts.
     */
    SHORT;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
