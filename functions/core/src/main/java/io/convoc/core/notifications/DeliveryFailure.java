package io.convoc.core.notifications;

/** A provider refused or failed a send. Retryable (throttling, outage) or not (rejected, invalid address). */
public class DeliveryFailure extends RuntimeException {
    private final boolean retryable;

    public DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, true, cause);
    }

    public static DeliveryFailure permanent(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    public boolean retryable() {
        return retryable;
    }
}
