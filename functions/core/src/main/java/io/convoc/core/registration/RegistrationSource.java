package io.convoc.core.registration;

public enum RegistrationSource {
    /** The invitee filled in the registration form. */
    FORM,
    /** An organizer imported a list. */
    IMPORT
}
