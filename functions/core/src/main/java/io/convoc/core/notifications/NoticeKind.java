package io.convoc.core.notifications;

import java.util.Locale;

/**
 * Why a person is written to. The notices module gives each kind that has content one template set:
 * {@code templates/<key>.html} and {@code templates/<key>.txt} for the e-mail, and the bundle keys
 * {@code email.<key>.*} and {@code sms.<key>.*}.
 */
public enum NoticeKind {
    /** Registration confirmed, invitation letter attached. */
    CONFIRMATION,
    /** A session the person attends moved (programme change). */
    SCHEDULE_CHANGE,
    /** An organizers' mass announcement. */
    ANNOUNCEMENT,
    /**
     * Someone registered again with the address of an existing registration through the public form: the owner of
     * the address is told, with their letter; the form's answer is the same as for a new registration, so that it
     * never reveals who is registered. E-mail only.
     */
    ALREADY_REGISTERED;

    /** The name of this kind's templates and the middle part of its bundle keys, e.g. {@code schedule-change}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
