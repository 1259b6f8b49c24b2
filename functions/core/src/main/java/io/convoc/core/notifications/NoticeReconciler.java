package io.convoc.core.notifications;

import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Takes back the SENDING notices whose lease ran out (an attempt that died: a killed function, a timeout), found
 * through an index, not a scan. Run on a schedule. Each is decided as {@link NoticeSender} decides it:
 * <ul>
 * <li>a provider id recorded → SENT (only the status write was lost; nothing is sent);</li>
 * <li>no hand-over → back to QUEUED and a new queue message (nothing reached the provider; the claim is
 * conditional, so with the original message also coming back it is still sent once);</li>
 * <li>handed over, no provider id → UNKNOWN, for a person to look at (never resent).</li>
 * </ul>
 * Every write is conditional on the lease seen, so an attempt that took the notice back meanwhile wins.
 */
public class NoticeReconciler {
    private final NotificationRepository notifications;
    private final NoticeQueues queues;
    private final Clock clock;
    private final int batchLimit;
    private volatile DeliveryFeedback feedback;

    public NoticeReconciler(NotificationRepository notifications, NoticeQueues queues, Clock clock, int batchLimit) {
        this.notifications = notifications;
        this.queues = queues;
        this.clock = clock;
        this.batchLimit = batchLimit;
    }

    /** Delivery reports that overtook a send this reconciler marks SENT are applied then (see {@link DeliveryFeedback}). */
    public NoticeReconciler applyingEarlyReports(DeliveryFeedback deliveryFeedback) {
        this.feedback = deliveryFeedback;
        return this;
    }

    /** What one run did. */
    public record Report(int sent, int requeued, int unknown, int skipped) {
        public int total() {
            return sent + requeued + unknown + skipped;
        }
    }

    public Report run() {
        Instant now = clock.instant();
        int sent = 0;
        int requeued = 0;
        int unknown = 0;
        int skipped = 0;
        for (Notification n : notifications.expiredLeases(now, batchLimit)) {
            if (n.status() != DeliveryStatus.SENDING || (n.leaseUntil() != null && n.leaseUntil().isAfter(now))) {
                skipped++; // the index lags behind the table
            } else if (n.providerMessageId() != null) {
                if (notifications.markSent(n.registrationId(), n.id(), n.providerMessageId(), Math.max(1, n.parts()),
                        now)) {
                    sent++;
                    if (feedback != null) {
                        feedback.onSent(n.registrationId(), n.id());
                    }
                } else {
                    skipped++;
                }
            } else if (n.handedOverAt() != null) {
                if (notifications.releaseExpired(n.registrationId(), n.id(), n.leaseUntil(), DeliveryStatus.UNKNOWN,
                        NoticeSender.unknownReason(n), now)) {
                    unknown++;
                } else {
                    skipped++;
                }
            } else if (notifications.releaseExpired(n.registrationId(), n.id(), n.leaseUntil(), DeliveryStatus.QUEUED,
                    "lease ran out at " + n.leaseUntil() + " before the provider was called", now)) {
                queues.enqueue(n.channel(), new NoticeMessage(n.registrationId(), n.id()));
                requeued++;
            } else {
                skipped++;
            }
        }
        return new Report(sent, requeued, unknown, skipped);
    }
}
