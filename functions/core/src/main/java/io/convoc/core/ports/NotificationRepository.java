package io.convoc.core.ports;

import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.Notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notices and their delivery status; every change of status is a conditional write. The notices of an
 * announcement are counted on it ({@link io.convoc.core.announcements.AnnouncementCounters}) in the same write as
 * their creation and each change of their status, so that the counters never drift from the notices.
 */
public interface NotificationRepository {

    /** Stores a new notice; false when a notice with its id exists already (nothing is changed then). */
    boolean create(Notification notification);

    /**
     * Stores new notices, each as {@link #create} would; adapters write several in one transaction.
     *
     * @return for each notice, in order: whether it was created (false: it existed already)
     */
    default List<Boolean> createAll(List<Notification> notices) {
        return notices.stream().map(this::create).toList();
    }

    Optional<Notification> find(String registrationId, String notificationId);

    /**
     * Runs a queue batch's work; an adapter may defer what follows each write to the batch's end (an announcement's
     * check for its last notice, once instead of once per notice).
     */
    default <T> T inBatch(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /**
     * The notices of these messages that exist (a queue's batch), each read as {@link #find} reads it; adapters read
     * them together.
     */
    default List<Notification> findAll(java.util.Collection<io.convoc.core.notifications.NoticeMessage> messages) {
        List<Notification> found = new java.util.ArrayList<>();
        for (io.convoc.core.notifications.NoticeMessage m : messages) {
            find(m.registrationId(), m.notificationId()).ifPresent(found::add);
        }
        return found;
    }

    List<Notification> listFor(String registrationId);

    Optional<Notification> findByProviderMessageId(String providerMessageId);

    /**
     * Moves a notice to {@code to} if its status is one {@code to} may follow.
     *
     * @param reason            why (failures, suppressions, bounces), or null
     * @param providerMessageId the provider's id, recorded when given
     * @return false when the notice is not in an allowed status (someone else moved it)
     */
    boolean transition(String registrationId, String notificationId, DeliveryStatus to, String reason,
                       String providerMessageId, Instant at);

    /** SENDING → SENT, with the provider's message id and the parts it bills. */
    boolean markSent(String registrationId, String notificationId, String providerMessageId, int parts, Instant at);

    /**
     * FAILED → QUEUED for a notice whose retries ran out (its reason starts with {@code retriesExhaustedReason}), when
     * its message comes back from the dead-letter queue (a redrive); any other FAILED notice stays FAILED.
     *
     * @return false when the notice is not a FAILED one whose retries ran out
     */
    boolean requeueRedriven(String registrationId, String notificationId, String retriesExhaustedReason, Instant at);

    /**
     * FAILED or UNKNOWN → QUEUED when a person decides to send the notice again ({@link
     * io.convoc.core.notifications.NoticeResend}): what happened stays as its {@code lastError}, {@code note} says
     * who sent it again; the provider's id of the earlier try is forgotten, an announcement's counters move back.
     *
     * @return false when the notice is no longer in {@code from}
     */
    boolean resend(String registrationId, String notificationId, DeliveryStatus from, String note, Instant at);

    /** Records a retryable failure and puts the notice back to QUEUED for the next attempt (its lease ends). */
    boolean retryLater(String registrationId, String notificationId, String error, Instant at);

    // ---- the sending lease: SENDING is owned until leaseUntil; see NoticeSender

    /** QUEUED → SENDING, leased until {@code leaseUntil} (one more attempt). */
    boolean claim(String registrationId, String notificationId, Instant leaseUntil, Instant at);

    /**
     * Takes back a SENDING notice whose lease {@code expiredLease} ran out before its provider was called (no
     * hand-over, no provider id): it stays SENDING, leased until {@code newLease} (one more attempt). False when
     * the lease is not that one any more or the provider was called.
     *
     * @param expiredLease the lease seen, null for a notice claimed before leases existed
     */
    boolean takeBack(String registrationId, String notificationId, Instant expiredLease, Instant newLease,
                     Instant at);

    /** Notes that the holder of {@code lease} calls the provider now; false when the lease is not its own. */
    boolean handOver(String registrationId, String notificationId, Instant lease, Instant at);

    /**
     * The provider accepted the notice: its id and parts, written on the SENDING notice before the status, so
     * that if the status write fails a later attempt writes SENT without sending again.
     */
    boolean recordAccepted(String registrationId, String notificationId, String providerMessageId, int parts,
                           Instant at);

    /**
     * A lease {@code expiredLease} ran out: before the hand-over the notice goes back to QUEUED (nothing reached the
     * provider); after it with no provider id to UNKNOWN with {@code reason}. False when the notice changed.
     *
     * @param expiredLease the lease seen, null for a notice claimed before leases existed
     */
    boolean releaseExpired(String registrationId, String notificationId, Instant expiredLease, DeliveryStatus to,
                           String reason, Instant at);

    /** SENDING notices whose lease ran out before {@code now}, oldest first, at most {@code limit} (an index, no scan). */
    List<Notification> expiredLeases(Instant now, int limit);
}
