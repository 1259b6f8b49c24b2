package io.convoc.notices;

import java.util.Locale;

/**
 * What a notice is about. Each kind has one template set: {@code templates/<key>.html} and {@code templates/<key>.txt}
 * for the email, and the bundle keys {@code email.<key>.*} and {@code sms.<key>.*}.
 *
 * <p>To add a kind (schedule change, announcement): add a value here, a {@link Notice} record carrying what that
 * kind needs (the changed sessions, the announcement text), its templates and its bundle keys. The composers,
 * the MIME structure, the language ordering and the SMS counting do not change.
 */
public enum NoticeKind {
    /** Sent once a registration's invitation letter is ready: the letter goes with it. */
    CONFIRMATION;

    /** The name of this kind's templates and the middle part of its bundle keys, e.g. {@code confirmation}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
