package io.convoc.core.registration;

import java.time.Instant;

/**
 * The current invitation letter of a registration, as stored.
 *
 * @param scheduleChange the last programme change this letter reflects (0: none), so that a change notice goes out
 *                       once the letter that shows the change is ready
 */
public record LetterInfo(int version, String reference, String key, String sha256, Instant generatedAt,
                         int scheduleChange) {

    public LetterInfo(int version, String reference, String key, String sha256, Instant generatedAt) {
        this(version, reference, key, sha256, generatedAt, 0);
    }
}
