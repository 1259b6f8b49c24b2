package io.convoc.core.notifications;

import io.convoc.core.event.Programme;
import io.convoc.core.registration.Registration;

/** Builds a notice's content for its channel and hands it to the provider (SES, SNS). */
public interface Deliverer {
    /** What the provider accepted: its message id, and how many parts it bills (SMS; 1 for an e-mail). */
    record Delivery(String providerMessageId, int parts) {
    }

    /**
     * @throws DeliveryFailure when the provider refuses or fails
     */
    Delivery deliver(Notification notification, Registration registration, Programme programme);

    /**
     * What the notice will cost against the provider's rate, known before it is sent: 1 for an e-mail, its parts
     * for an SMS (deliverers whose units vary compose the notice to count them).
     *
     * @throws DeliveryFailure as {@link #deliver} would, for a notice that cannot be written
     */
    default int units(Notification notification, Registration registration, Programme programme) {
        return 1;
    }
}
