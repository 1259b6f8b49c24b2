package io.convoc.core.registration;

/** Where a registration stands; every accepted registration ends in a status a person can see. */
public enum RegistrationStatus {
    /** Accepted and stored; the invitation letter is being produced. */
    RECEIVED,
    /** The invitation letter is stored and can be downloaded. */
    LETTER_READY,
    /** The letter could not be produced after retries; {@code statusReason} says why. */
    LETTER_FAILED
}
