package io.convoc.aws.providers;

import io.convoc.core.notifications.DeliveryFailure;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The senders' calls to SES and SNS, whose sends are not idempotent: a call retried after its request was made could
 * deliver twice (seen under injected timeouts: the SDK's own retries put three copies of one mail in SES). So the SDK
 * makes one attempt; what the provider refused (throttling, 5xx) or never received (no connection) is retried by the
 * queue, with its backoff; a call made and left unanswered (a timeout, a reset mid-answer) is
 * {@link DeliveryFailure#answerLost}: the notice ends UNKNOWN, never sent twice.
 */
public final class ProviderCalls {
    private ProviderCalls() {
    }

    /**
     * A provider call, its retries included, ends well within a notice's sending lease (60 s, of which up to a third
     * may go waiting for the sending rate): past the lease another attempt could take the notice back while the call
     * still runs (seen with injected timeouts: the default 3 × 30 s read timeout outlived the lease).
     */
    public static void configure(ClientOverrideConfiguration.Builder c) {
        c.apiCallAttemptTimeout(Duration.ofSeconds(5)).apiCallTimeout(Duration.ofSeconds(15))
                // one attempt: a strategy's own conditions cannot be removed (timeouts stay retryable in it), so the
                // queue retries what the provider refused (throttling, 5xx), with its backoff
                .retryStrategy(b -> b.maxAttempts(1));
    }

    /** An SDK client error of a send: retryable when the provider was never reached, else the answer was lost. */
    public static DeliveryFailure failure(String provider, SdkClientException e) {
        if (neverReached(e)) {
            return DeliveryFailure.retryable(provider + " unreachable: " + e.getMessage(), e);
        }
        return DeliveryFailure.answerLost(provider + " called, its answer lost (" + e.getMessage()
                + "): sent or not, to look at", e);
    }

    /** The connection was never made: nothing can have reached the provider. */
    static boolean neverReached(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
                return true;
            }
        }
        return false;
    }
}
