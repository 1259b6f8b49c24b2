package io.convoc.notices.email;

/** How the invitation letter travels with an email. */
public enum LetterDelivery {
    /** The PDF is attached to the message. */
    ATTACHED,
    /** The message would have been too large: it carries a download link instead. */
    LINKED,
    /** No letter goes with it (an announcement: a link to the letter is in its text when the organizers wrote one). */
    NONE
}
