package io.convoc.core.letters;

import io.convoc.core.registration.RegistrationStatus;

/** A letter asked for before there is one: still being made (RECEIVED) or given up on (LETTER_FAILED, with why). */
public class LetterNotReady extends RuntimeException {
    private final String registrationId;
    private final RegistrationStatus status;
    private final String reason;

    public LetterNotReady(String registrationId, RegistrationStatus status, String reason) {
        super("no letter yet for " + registrationId + " (" + status + ")");
        this.registrationId = registrationId;
        this.status = status;
        this.reason = reason;
    }

    public String registrationId() {
        return registrationId;
    }

    public RegistrationStatus status() {
        return status;
    }

    /** Why the letter failed, when it did. */
    public String reason() {
        return reason;
    }
}
