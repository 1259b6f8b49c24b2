package io.convoc.notices;

import java.util.Objects;

/**
 * A notice that cannot be sent as it stands, whatever the number of retries: the caller marks it FAILED with
 * {@link #code()} (stable, for the console to translate) and {@link #getMessage()} (for operators).
 */
public class UnsendableNotice extends RuntimeException {
    private final String code;

    public UnsendableNotice(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public UnsendableNotice(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** e.g. {@code invalid_recipient}, {@code email_too_large}, {@code sms_too_long}. */
    public String code() {
        return code;
    }
}
