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

    /**
     * Rates count per second, where the provider counts them: units granted in a second are good for a send that
     * starts in that second, not in its last {@value #END_OF_SECOND_MILLIS} ms (the request would reach the provider
     * in the next second, on top of that second's own).
     */
    long END_OF_SECOND_MILLIS = 50;

    /** Whether units granted at {@code grantedAtMillis} still cover a send starting at {@code nowMillis}. */
    static boolean stillGranted(long grantedAtMillis, long nowMillis) {
        return grantedAtMillis / 1000 == nowMillis / 1000 && nowMillis % 1000 < 1000 - END_OF_SECOND_MILLIS;
    }
}
