package io.convoc.core.ports;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Short links ({@code /l/{code}}) that stand in SMS for long signed links: each code names one target and lives as
 * long as the target does. A code is derived from its target ({@link io.convoc.core.links.ShortCodes}), so shortening
 * the same target again (a retried SMS) gives the same code and writes nothing new.
 */
public interface ShortLinks {

    /**
     * The code of {@code target}, stored until {@code expiresAt} (the target's own expiry).
     *
     * @return a code of {@link io.convoc.core.links.ShortCodes#LENGTH} characters
     */
    String shorten(URI target, Instant expiresAt);

    /** The target of {@code code}; empty when the code is unknown, malformed or expired at {@code now}. */
    Optional<URI> resolve(String code, Instant now);
}
