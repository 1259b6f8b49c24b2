package io.convoc.core.notifications;

import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;

import java.time.Clock;
import java.util.Set;

/**
 * A person's decision to send a notice again: one that FAILED (retries ran out, the provider refused it) or whose
 * fate is UNKNOWN (the provider's answer was lost after the hand-over: it may have gone out; only a person can weigh
 * a duplicate against a missing letter). The notice goes back to QUEUED and onto its channel's queue; the senders
 * then treat it as any queued notice. A notice already QUEUED is put on its queue again (the earlier request may
 * have stopped between the two writes): the senders claim a notice once, so a second message changes nothing.
 */
public final class NoticeResend {
    static final Set<DeliveryStatus> RESENDABLE = Set.of(DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN);

    public enum Outcome {
        /** Back on its queue. */
        QUEUED_AGAIN,
        /** Delivered, sent, on its way, bounced, suppressed, cancelled: nothing to send again. */
        NOT_RESENDABLE,
        /** No such notice for this registration. */
        UNKNOWN_NOTICE
    }

    private final NotificationRepository notices;
    private final NoticeQueues queues;
    private final Clock clock;

    public NoticeResend(NotificationRepository notices, NoticeQueues queues, Clock clock) {
        this.notices = notices;
        this.queues = queues;
        this.clock = clock;
    }

    /** @param by who decided (their user name), kept on the notice */
    public Outcome resend(String registrationId, String noticeId, String by) {
        Notification n = notices.find(registrationId, noticeId).orElse(null);
        if (n == null) {
            return Outcome.UNKNOWN_NOTICE;
        }
        if (RESENDABLE.contains(n.status())) {
            if (!notices.resend(registrationId, noticeId, n.status(), "resent by " + by, clock.instant())) {
                // moved meanwhile: decide again on what it is now
                return resend(registrationId, noticeId, by);
            }
        } else if (n.status() != DeliveryStatus.QUEUED) {
            return Outcome.NOT_RESENDABLE;
        }
        queues.enqueue(n.channel(), new NoticeMessage(registrationId, noticeId));
        return Outcome.QUEUED_AGAIN;
    }
}
