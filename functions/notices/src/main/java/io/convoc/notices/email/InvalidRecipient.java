package io.convoc.notices.email;

import io.convoc.notices.UnsendableNotice;

/** The registration's email address cannot be written in a To header. */
public class InvalidRecipient extends UnsendableNotice {
    public InvalidRecipient(String message, Throwable cause) {
        super("invalid_recipient", message, cause);
    }
}
