package io.convoc.core.ports;

/** Allocates letter reference numbers: sequential per event, one per registration, kept across versions. */
public interface LetterReferences {
    /** The registration's number, allocated on first call; later calls (and replays) return the same. */
    int numberFor(String eventId, String registrationId);
}
