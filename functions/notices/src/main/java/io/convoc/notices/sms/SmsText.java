package io.convoc.notices.sms;

import io.convoc.core.event.Language;

import java.util.Objects;

/** One SMS to send, in one language, with what it costs. */
public record SmsText(Language language, String text, SmsCount count) {
    public SmsText {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(count, "count");
    }
}
