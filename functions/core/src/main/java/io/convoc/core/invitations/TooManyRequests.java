package io.convoc.core.invitations;

/** A caller went over a rate limit; it may try again after {@code retryAfterSeconds}. */
public class TooManyRequests extends RuntimeException {
    private final String scope;
    private final long retryAfterSeconds;

    public TooManyRequests(String scope, long retryAfterSeconds) {
        super("rate limit of " + scope + " reached, retry after " + retryAfterSeconds + " s");
        this.scope = scope;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String scope() {
        return scope;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
