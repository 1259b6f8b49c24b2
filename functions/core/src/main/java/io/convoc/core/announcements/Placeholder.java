package io.convoc.core.announcements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an announcement may say about each recipient, written {@code ((name))} after GOV.UK Notify. Each is also a
 * condition: {@code ((title??text))} shows {@code text} only to recipients for whom {@code ((title))} is not empty.
 */
public enum Placeholder {
    /** Civility and full name, in the language of the text. */
    NAME,
    /** The person's title (office), in the language of the text. */
    TITLE,
    ORGANISATION,
    /** The event's name. */
    EVENT,
    /** The event's dates. */
    DATES,
    /** The invitation letter's reference number; empty before the letter is ready. */
    REFERENCE,
    /** Where to download the invitation letter; empty before the letter is ready. */
    LETTER_LINK,
    /** The titles of the workshops the person attends; empty when none. */
    WORKSHOPS;

    /** As written between the parentheses: {@code letter_link}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Placeholder> of(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.key().equals(wanted)).findFirst();
    }
}
