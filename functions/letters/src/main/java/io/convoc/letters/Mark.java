package io.convoc.letters;

import io.convoc.letters.Typesetter.Paragraph;

/** One thing drawn on a page, in page coordinates (points, origin bottom-left). */
sealed interface Mark {

    /** What a paragraph is in the letter's structure (tagged PDF). */
    enum Role {
        P, H1, H2, H3,
        /** Drawn again on every page (pagination): not read as content. */
        ARTIFACT
    }

    /** A set paragraph whose box has its top-left corner at (x, top). */
    record Text(Paragraph paragraph, float x, float top, Role role) implements Mark {
        Text(Paragraph paragraph, float x, float top) {
            this(paragraph, x, top, Role.P);
        }

        /** The language of the paragraph: its style's script. */
        String language() {
            Face face = paragraph.style().face();
            return face == Face.TIFINAGH ? "zgh" : paragraph.style().rtl() ? "ar" : "fr";
        }
    }

    /** A horizontal rule. */
    record Rule(float x1, float x2, float y, float lineWidth, float gray) implements Mark {
    }

    /** A filled rectangle drawn under the text that follows it. */
    record Shade(float x, float y, float width, float height, float gray) implements Mark {
    }

    /** A QR code in the square whose lower-left corner is (x, y). */
    record Qr(QrCode code, float x, float y, float size) implements Mark {
    }
}
