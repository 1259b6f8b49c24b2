package io.convoc.core.ports;

import io.convoc.core.notifications.DeliveryFeedback.Report;

import java.time.Instant;
import java.util.List;

/**
 * Delivery reports that arrived before the send they are about was recorded (the provider answered the
 * send, and its report overtook our {@code markSent}). Kept by the provider's message id until the send is
 * recorded, or until {@code keptUntil} (a day after the report), after which the store may forget them.
 */
public interface PendingReports {

    /** @param at when the provider says it happened; {@code keptUntil} a day after it */
    record PendingReport(String providerMessageId, Report report, String detail, Instant at, Instant keptUntil) {
    }

    /** Keeps a report; keeping the same report twice (a redelivered event) keeps it once. */
    void keep(PendingReport report);

    /** The reports kept for this message id, oldest first (any that the store has not forgotten yet). */
    List<PendingReport> list(String providerMessageId);

    /** Forgets a report once applied or dropped; forgetting one already gone is not an error. */
    void remove(PendingReport report);
}
