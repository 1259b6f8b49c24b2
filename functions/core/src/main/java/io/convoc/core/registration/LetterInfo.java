package io.convoc.core.registration;

import java.time.Instant;

/** The current invitation letter of a registration, as stored. */
public record LetterInfo(int version, String reference, String key, String sha256, Instant generatedAt) {
}
