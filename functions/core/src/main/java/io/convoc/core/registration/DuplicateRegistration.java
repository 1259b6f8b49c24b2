package io.convoc.core.registration;

/** The event already has a registration with this e-mail address. */
public class DuplicateRegistration extends RuntimeException {
    private final String existingId;

    public DuplicateRegistration(String eventId, String existingId) {
        super("event " + eventId + " already has registration " + existingId + " for this e-mail address");
        this.existingId = existingId;
    }

    public String existingId() {
        return existingId;
    }
}
