package io.convoc.core.ports;

import java.time.Duration;

/** Counts requests per key in fixed windows, shared by every instance of a function (DynamoDB in AWS). */
public interface RateLimiter {
    /**
     * Counts one request for {@code key} in the current window.
     *
     * @return 0 when it is within {@code limit}, else the seconds until the window ends
     */
    long hit(String key, int limit, Duration window);
}
