package io.convoc.core.validation;

import io.convoc.core.event.Language;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Reads an enumerated value typed as its code or as its French or Arabic label, case and accents aside. */
public final class Choices {
    private Choices() {
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String wanted = fold(typed);
        for (E value : type.getEnumConstants()) {
            if (fold(value.name()).equals(wanted)) {
                return Optional.of(value);
            }
            for (Language language : Language.all()) {
                if (fold(Messages.label(language, value)).equals(wanted)) {
                    return Optional.of(value);
                }
                String aliasesKey = Messages.prefix(type) + "." + value.name() + ".aliases";
                if (Messages.has(aliasesKey)) {
                    for (String alias : Messages.text(language, aliasesKey).split("\\|")) {
                        if (fold(alias).equals(wanted)) {
                            return Optional.of(value);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Case, accents, harakat, punctuation and spacing do not matter when matching a typed choice. */
    public static String fold(String s) {
        // format characters (directional marks an Arabic keyboard adds, zero-width joiners) never matter either
        String d = Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("[\\p{M}\\p{Cf}]+", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-'’.()/]+", "");
    }
}
