package io.convoc.core.notifications;

/**
 * A provider refused or failed a send. Retryable (throttling, outage, the provider not reached) or not (rejected,
 * invalid address); or its answer lost after the request was made (a read timeout, a connection reset mid-answer):
 * the provider may have accepted it, so it is not sent again (the notice is UNKNOWN, for a person to look at).
 */
public class DeliveryFailure extends RuntimeException {
    private final boolean retryable;
    private final boolean answerLost;

    public DeliveryFailure(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    private DeliveryFailure(String message, boolean retryable, boolean answerLost, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.answerLost = answerLost;
    }

    /** The request was made and its answer lost: sent or not, never sent again automatically. */
    public static DeliveryFailure answerLost(String message, Throwable cause) {
        return new DeliveryFailure(message, false, true, cause);
    }

    public boolean answerLost() {
        return answerLost;
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
