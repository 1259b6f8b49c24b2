package io.convoc.core.notifications;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a notice stands, after GOV.UK Notify's statuses. QUEUED → SENDING → SENT (the provider accepted it)
 * → DELIVERED; or BOUNCED (permanent), COMPLAINED, FAILED (technical, with a reason), SUPPRESSED (never
 * sent: the address bounced before or opted out). UNKNOWN: sent or not, to look at — the provider was called
 * but its answer was lost (the sender's lease ran out with no provider id recorded); after GOV.UK Notify, which
 * never resends a notification that may have reached the provider, such a notice is not sent again automatically.
 * CANCELLED: never sent, its announcement was cancelled before the notice reached the provider.
 */
public enum DeliveryStatus {
    QUEUED, SENDING, SENT, DELIVERED, BOUNCED, COMPLAINED, FAILED, SUPPRESSED, UNKNOWN, CANCELLED;

    /** The statuses a notice may be in when it moves to this one. */
    public Set<DeliveryStatus> allowedFrom() {
        return switch (this) {
            // a retryable failure puts it back; a redriven message brings back one whose retries ran out
            case QUEUED -> EnumSet.of(SENDING, FAILED);
            case SENDING -> EnumSet.of(QUEUED);
            // SENT again records a transient bounce; from UNKNOWN when the provider's id turns up after all
            case SENT -> EnumSet.of(SENDING, SENT, UNKNOWN);
            case DELIVERED -> EnumSet.of(SENT);
            case BOUNCED -> EnumSet.of(SENT, DELIVERED);        // a bounce can follow a delivery report
            case COMPLAINED -> EnumSet.of(SENT, DELIVERED);
            case FAILED -> EnumSet.of(QUEUED, SENDING, SENT); // SENT: the provider rejected it afterwards
            case SUPPRESSED -> EnumSet.of(QUEUED, SENDING);
            case UNKNOWN -> EnumSet.of(SENDING);                 // a lease ran out after the provider was called
            case CANCELLED -> EnumSet.of(QUEUED, SENDING);       // SENDING: claimed, the provider not called yet
        };
    }

    /** No automatic step moves the notice on (UNKNOWN waits for a person, so it counts). */
    public boolean isFinal() {
        return this == DELIVERED || this == BOUNCED || this == COMPLAINED || this == FAILED || this == SUPPRESSED
                || this == UNKNOWN || this == CANCELLED;
    }
}
