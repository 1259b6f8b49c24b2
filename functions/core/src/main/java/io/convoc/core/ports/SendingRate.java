package io.convoc.core.ports;

import io.convoc.core.notifications.Channel;

/**
 * The provider's sending rate, shared by every sender instance: e-mails per second (the SES account's quota) and
 * SMS parts per second. Senders take their units just before calling the provider.
 */
public interface SendingRate {

    /** The rates themselves: units per second on each channel (0: no limit). */
    interface PerSecond {
        int perSecond(Channel channel);
    }

    /**
     * Waits until {@code units} may be sent on {@code channel} within its rate.
     *
     * @return false when that would take longer than the caller may wait (the notice is retried later)
     */
    boolean acquire(Channel channel, int units, java.time.Duration maxWait);
}
