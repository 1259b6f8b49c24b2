package io.convoc.letters;

/** The five typefaces a letter uses, as shipped in {@code io/convoc/letters/fonts}. */
enum Face {
    SANS("NotoSans-Regular.ttf"),
    SANS_BOLD("NotoSans-Bold.ttf"),
    NASKH("NotoNaskhArabic-Regular.ttf"),
    NASKH_BOLD("NotoNaskhArabic-Bold.ttf"),
    TIFINAGH("NotoSansTifinagh-Regular.ttf");

    private final String file;

    Face(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    boolean bold() {
        return this == SANS_BOLD || this == NASKH_BOLD;
    }

    /** The face for Latin letters in the same weight. */
    Face latin() {
        return bold() ? SANS_BOLD : SANS;
    }

    /** The face for Arabic letters in the same weight. */
    Face arabic() {
        return bold() ? NASKH_BOLD : NASKH;
    }
}
