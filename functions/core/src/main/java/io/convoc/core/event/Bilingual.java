package io.convoc.core.event;

import java.util.Objects;

/** A text a person reads, in French and in Arabic. The Arabic is not a word-for-word translation. */
public record Bilingual(String fr, String ar) {
    public Bilingual {
        fr = fr == null ? "" : fr;
        ar = ar == null ? "" : ar;
    }

    public static Bilingual of(String fr, String ar) {
        return new Bilingual(fr, ar);
    }

    public String in(Language language) {
        Objects.requireNonNull(language);
        return language == Language.AR ? ar : fr;
    }

    public boolean isBlank() {
        return fr.isBlank() && ar.isBlank();
    }
}
