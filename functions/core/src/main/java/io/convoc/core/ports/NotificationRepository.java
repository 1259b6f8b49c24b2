package io.convoc.core.ports;

import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.Notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notices and their delivery status; every change of status is a conditional write. */
public interface NotificationRepository {

    /** Stores a new notice; false when a notice with its id exists already (nothing is changed then). */
    boolean create(Notification notification);

    Optional<Notification> find(String registrationId, String notificationId);

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

    /** Records a retryable failure and puts the notice back to QUEUED for the next attempt. */
    boolean retryLater(String registrationId, String notificationId, String error, Instant at);
}
