package io.convoc.core.event;

import java.util.List;
import java.util.Locale;

/** A single written language: French is read left to right, Arabic right to left. */
public enum Language {
    FR(Locale.FRENCH),
    AR(Locale.forLanguageTag("ar-MA"));

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean rightToLeft() {
        return this == AR;
    }

    public static List<Language> all() {
        return List.of(FR, AR);
    }
}
