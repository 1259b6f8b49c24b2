package io.convoc.notices.email;

import io.convoc.notices.UnsendableNotice;

/** The message exceeds the maximum raw size even without its attachment, or no link could replace the letter. */
public class EmailTooLarge extends UnsendableNotice {
    public EmailTooLarge(String message) {
        super("email_too_large", message);
    }
}
