package io.convoc.core.notifications;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a notice stands, after GOV.UK Notify's statuses. QUEUED → SENDING → SENT (the provider accepted it)
 * → DELIVERED; or BOUNCED (permanent), COMPLAINED, FAILED (technical, with a reason), SUPPRESSED (never
 * sent: the address bounced before or opted out).
 */
public enum DeliveryStatus {
    QUEUED, SENDING, SENT, DELIVERED, BOUNCED, COMPLAINED, FAILED, SUPPRESSED;

    /** The statuses a notice may be in when it moves to this one. */
    public Set<DeliveryStatus> allowedFrom() {
        return switch (this) {
            case QUEUED -> EnumSet.of(SENDING);                 // a retryable failure puts it back
            case SENDING -> EnumSet.of(QUEUED);
            case SENT -> EnumSet.of(SENDING, SENT);              // SENT again records a transient bounce
            case DELIVERED -> EnumSet.of(SENT);
            case BOUNCED -> EnumSet.of(SENT, DELIVERED);        // a bounce can follow a delivery report
            case COMPLAINED -> EnumSet.of(SENT, DELIVERED);
            case FAILED -> EnumSet.of(QUEUED, SENDING);
            case SUPPRESSED -> EnumSet.of(QUEUED, SENDING);
        };
    }

    public boolean isFinal() {
        return this == DELIVERED || this == BOUNCED || this == COMPLAINED || this == FAILED || this == SUPPRESSED;
    }
}
