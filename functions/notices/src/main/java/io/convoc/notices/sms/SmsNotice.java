package io.convoc.notices.sms;

import java.util.List;
import java.util.Objects;

/**
 * The SMS of one notice: one message per language of the invitee, the preferred one first (send them in this
 * order), and the wording that fitted.
 */
public record SmsNotice(List<SmsText> messages, SmsWording wording) {
    public SmsNotice {
        messages = List.copyOf(messages);
        Objects.requireNonNull(wording, "wording");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an SMS notice has at least one message");
        }
    }

    /** The parts billed for the whole notice. */
    public int totalParts() {
        return messages.stream().mapToInt(m -> m.count().parts()).sum();
    }
}
