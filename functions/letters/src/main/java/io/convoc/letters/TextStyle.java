package io.convoc.letters;

/**
 * How a paragraph is set.
 *
 * @param face    the main face; Latin, Arabic and Tifinagh letters take the face of their script in the same weight
 * @param size    font size in points
 * @param leading distance between two baselines, in points
 * @param rtl     paragraph direction: Arabic paragraphs are right to left, French ones left to right
 * @param align   alignment; {@link Align#START} is the right edge of a right-to-left paragraph
 * @param gray    0 for black text, up to 1 for white
 */
record TextStyle(Face face, float size, float leading, boolean rtl, Align align, float gray) {

    enum Align { START, END, CENTER, JUSTIFY }

    TextStyle with(Align newAlign) {
        return new TextStyle(face, size, leading, rtl, newAlign, gray);
    }

    TextStyle with(Face newFace) {
        return new TextStyle(newFace, size, leading, rtl, align, gray);
    }

    TextStyle withGray(float newGray) {
        return new TextStyle(face, size, leading, rtl, align, newGray);
    }

    TextStyle withSize(float newSize, float newLeading) {
        return new TextStyle(face, newSize, newLeading, rtl, align, gray);
    }

    /** Distance from the top of a line box to its baseline: the box is centred on the lower-case letters. */
    float baselineOffset() {
        return (leading + size * 0.55f) / 2;
    }
}
