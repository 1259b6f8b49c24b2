package io.convoc.core.ports;

import java.util.Optional;

/** E-mail addresses and phone numbers that must not be written to again (bounced, complained, opted out). */
public interface SuppressionList {
    Optional<String> reasonFor(String address);

    void suppress(String address, String reason, java.time.Instant at);
}
