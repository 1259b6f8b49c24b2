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

    /** A notice written and ready to go: what it costs against the provider's rate, and the provider call itself. */
    interface Prepared {
        /** 1 for an e-mail, its parts for an SMS. */
        int units();

        /**
         * @throws DeliveryFailure when the provider refuses or fails
         */
        Delivery send();

        /** {@code units} against the rate, and {@code send} the provider call. */
        static Prepared of(int units, java.util.function.Supplier<Delivery> send) {
            return new Prepared() {
                @Override
                public int units() {
                    return units;
                }

                @Override
                public Delivery send() {
                    return send.get();
                }
            };
        }
    }

    /**
     * Writes the notice (its content, its links) without calling the provider, so that the sender can take its units
     * from the rate and note the hand-over right before the call, with nothing slow in between. By default the whole
     * of {@link #deliver} is the call, for 1 unit.
     *
     * @throws DeliveryFailure as {@link #deliver} would, for a notice that cannot be written
     */
    default Prepared prepare(Notification notification, Registration registration, Programme programme) {
        return Prepared.of(1, () -> deliver(notification, registration, programme));
    }
}
