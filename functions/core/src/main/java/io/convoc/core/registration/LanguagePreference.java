package io.convoc.core.registration;

import io.convoc.core.event.Language;

import java.util.List;

/** Which languages a person reads their notices in, the preferred one first. Default: both, French first. */
public enum LanguagePreference {
    FR(List.of(Language.FR)),
    AR(List.of(Language.AR)),
    BOTH(List.of(Language.FR, Language.AR)),
    /** Both languages, Arabic first. */
    BOTH_AR_FIRST(List.of(Language.AR, Language.FR));

    private final List<Language> languages;

    LanguagePreference(List<Language> languages) {
        this.languages = languages;
    }

    /** The languages to write in, the preferred one first. */
    public List<Language> languages() {
        return languages;
    }

    /** The code the API speaks: fr, ar, both (French first) or ar+fr. */
    public String code() {
        return switch (this) {
            case FR -> "fr";
            case AR -> "ar";
            case BOTH -> "both";
            case BOTH_AR_FIRST -> "ar+fr";
        };
    }

    public Language preferred() {
        return languages.get(0);
    }
}
