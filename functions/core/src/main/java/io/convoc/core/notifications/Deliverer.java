package io.convoc.core.notifications;

import io.convoc.core.event.Programme;
import io.convoc.core.registration.Registration;

/** Builds a notice's content for its channel and hands it to the provider (SES, SNS). */
public interface Deliverer {
    /**
     * @return the provider's message id
     * @throws DeliveryFailure when the provider refuses or fails
     */
    String deliver(Notification notification, Registration registration, Programme programme);
}
