package io.convoc.core.letters;

import java.time.Instant;
import java.util.Objects;

/**
 * One letter handed to someone of the protocol office or the organizers: a download link issued
 * ({@link Kind#DOWNLOAD}) or the letter bound into an export ({@link Kind#EXPORT}, with the export's id). The audit
 * keeps who, with which role, when, which version and reference, and from where.
 *
 * @param id a unique id; for an export, the export's id (the same letter is in an export once)
 */
public record LetterDownload(String id, String registrationId, String eventId, Instant at, Requester by,
                             int version, String reference, Kind kind, String exportId) {

    public enum Kind { DOWNLOAD, EXPORT }

    public LetterDownload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(kind, "kind");
        reference = reference == null ? "" : reference;
    }
}
