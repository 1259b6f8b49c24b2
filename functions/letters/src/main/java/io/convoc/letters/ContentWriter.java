package io.convoc.letters;

import io.convoc.letters.Typesetter.Line;
import io.convoc.letters.Typesetter.Paragraph;
import io.convoc.letters.Typesetter.Run;
import io.convoc.letters.Typesetter.Word;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a page's content stream operators, or, in its first pass, only records which glyphs the page uses.
 *
 * <p>A line of text is one positioning (Tm) followed by TJ arrays: a space glyph is drawn between words, and the
 * difference between the gap the layout wants and that glyph's width is a TJ adjustment. The real space glyphs
 * matter: PDFBox's text extraction reorders a right-to-left line into logical order only when the line's words
 * are separated by spaces rather than by gaps alone.
 */
final class ContentWriter {
    private final EmbeddedFonts fonts;
    private final boolean collectOnly;
    private final boolean tagged;
    private final StringBuilder out;
    // tagged: the paragraph of each marked-content identifier (MCID) of the page, in order
    private final List<Mark.Text> contentItems = new ArrayList<>();
    private boolean inArtifact;
    private Mark.Text open; // the first paragraph of the open marked-content sequence
    private boolean inText;
    private Face face;
    private float size;
    private float fillGray = -1;
    private float strokeGray = -1;
    private float lineWidth = -1;

    private ContentWriter(EmbeddedFonts fonts, boolean collectOnly, boolean tagged) {
        this.fonts = fonts;
        this.collectOnly = collectOnly;
        this.tagged = tagged;
        this.out = new StringBuilder(collectOnly ? 0 : 8 * 1024);
    }

    /** A page's content stream, and the paragraph each of its marked-content identifiers (MCID 0, 1…) marks. */
    record Tagged(byte[] content, List<Mark.Text> contentItems) {
    }

    /** Records the glyphs of the marks into {@code fonts}. */
    static void collect(List<Mark> marks, EmbeddedFonts fonts) {
        ContentWriter writer = new ContentWriter(fonts, true, false);
        for (Mark mark : marks) {
            if (mark instanceof Mark.Text text) {
                writer.text(text.paragraph(), text.x(), text.top());
            }
        }
    }

    /** The content stream of the marks; every glyph must have been {@link #collect collected}. */
    static byte[] write(List<Mark> marks, EmbeddedFonts fonts) {
        return write(marks, fonts, false).content();
    }

    /**
     * The content stream of the marks as tagged PDF: the paragraphs of each structure element one marked-content
     * sequence with an MCID (the structure tree points at it), each line that needs one a /Span with its
     * {@link ActualText}, rules, shades, QR codes and {@link Mark.Role#ARTIFACT} paragraphs marked as artifacts.
     */
    static Tagged writeTagged(List<Mark> marks, EmbeddedFonts fonts) {
        return write(marks, fonts, true);
    }

    private static Tagged write(List<Mark> marks, EmbeddedFonts fonts, boolean tagged) {
        ContentWriter writer = new ContentWriter(fonts, false, tagged);
        for (Mark mark : marks) {
            if (mark instanceof Mark.Text t) {
                writer.mark(t);
                writer.text(t.paragraph(), t.x(), t.top());
            } else if (mark instanceof Mark.Rule r) {
                writer.artifact();
                writer.endText();
                writer.rule(r);
            } else if (mark instanceof Mark.Shade s) {
                writer.artifact();
                writer.endText();
                writer.rect(s.x(), s.y(), s.width(), s.height());
                writer.fill(s.gray());
            } else if (mark instanceof Mark.Qr q) {
                writer.artifact();
                writer.endText();
                q.code().draw(writer, q.x(), q.y(), q.size());
            }
        }
        writer.endContent();
        writer.endArtifact();
        writer.endText();
        return new Tagged(writer.out.toString().getBytes(StandardCharsets.ISO_8859_1),
                List.copyOf(writer.contentItems));
    }

    // ---- marked content

    /**
     * Opens the paragraph's marked-content sequence, unless it goes on the open one: paragraphs drawn one after the
     * other in the same role and language (an address and a title; a session, its room and its time) are one
     * structure element, which keeps the structure tree, and the letter, small.
     */
    private void mark(Mark.Text text) {
        if (!tagged || text.paragraph().isEmpty()) {
            return;
        }
        if (text.role() == Mark.Role.ARTIFACT) {
            endContent();
            artifact();
            return;
        }
        endArtifact();
        if (open != null && open.role() == text.role() && open.language().equals(text.language())) {
            return;
        }
        endContent();
        out.append('/').append(text.role().name()).append("<</MCID ").append(contentItems.size()).append(">>BDC\n");
        contentItems.add(text);
        open = text;
    }

    private void endContent() {
        if (open != null) {
            endText();
            out.append("EMC\n");
            open = null;
        }
    }

    /** Opens an artifact sequence unless one is open: consecutive decorations share one. */
    private void artifact() {
        if (tagged && !inArtifact) {
            endContent();
            out.append("/Artifact BMC\n");
            inArtifact = true;
        }
    }

    private void endArtifact() {
        if (inArtifact) {
            endText();
            out.append("EMC\n");
            inArtifact = false;
        }
    }

    // ---- text

    private void text(Paragraph paragraph, float x, float top) {
        if (paragraph.isEmpty()) {
            return;
        }
        TextStyle style = paragraph.style();
        if (!collectOnly) {
            if (!inText) {
                out.append("BT\n");
                lineX = 0;
                lineY = 0;
                inText = true;
            }
            setFill(style.gray());
        }
        float baseline = top - style.baselineOffset();
        for (Line line : paragraph.lines()) {
            line(line, style, paragraph.width(), x, baseline);
            baseline -= style.leading();
        }
        if (!tagged) {
            endText();
        }
    }

    /**
     * Ends the text object. Tagged, the paragraphs of one marked-content sequence share one (each line moves from the
     * previous one); it ends with the sequence, or before a rule or a shade is drawn.
     */
    private void endText() {
        if (inText) {
            out.append("ET\n");
            inText = false;
        }
    }

    private void line(Line line, TextStyle style, float boxWidth, float x, float baseline) {
        List<Word> words = line.words();
        if (words.isEmpty()) {
            return;
        }
        TextStyle.Align align = style.align();
        if (align == TextStyle.Align.JUSTIFY && (line.last() || words.size() < 2)) {
            align = TextStyle.Align.START;
        }
        float wordsWidth = 0;
        for (Word w : words) {
            wordsWidth += w.width();
        }
        float gap = words.size() < 2 ? 0 : (line.width() - wordsWidth) / (words.size() - 1);
        float start = switch (align) {
            case START -> style.rtl() ? x + boxWidth - line.width() : x;
            case END -> style.rtl() ? x : x + boxWidth - line.width();
            case CENTER -> x + (boxWidth - line.width()) / 2;
            case JUSTIFY -> x;
        };
        if (align == TextStyle.Align.JUSTIFY) {
            gap = (boxWidth - wordsWidth) / (words.size() - 1);
        }
        if (!collectOnly) {
            // Td moves from the start of the previous line of the text object: shorter than a Tm each line; the
            // moves are computed from rounded positions, so that rounding never accumulates
            long startX = Math.round(start * 100.0);
            long startY = Math.round(baseline * 100.0);
            number((startX - lineX) / 100f);
            number((startY - lineY) / 100f);
            out.append("Td\n");
            lineX = startX;
            lineY = startY;
            if (tagged && line.actualText() != null) {
                // poppler reads an ActualText in a /Span only; PDFBox reads the innermost one, and none inside the
                // BMC: it keeps reading the glyphs, which it already orders right (see ActualText)
                out.append("/Span<</ActualText");
                textString(line.actualText());
                out.append(">>BDC /Span BMC\n");
            }
        }
        inArray = false;
        inString = false;
        rise = 0;
        pen = 0;
        float wordStart = 0; // where the layout puts the current word, in points from the line's start
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            Run last = null;
            float runStart = wordStart;
            for (Run run : word.runs()) {
                last = run;
                if (collectOnly) {
                    run.text().codePoints().forEach(cp -> fonts.use(run.face(), cp));
                    continue;
                }
                if (run.face() != face || run.size() != size) {
                    endArray();
                    out.append('/').append(fonts.resourceName(run.face()).getName()).append(' ');
                    number(run.size());
                    out.append("Tf\n");
                    face = run.face();
                    size = run.size();
                }
                int k = 0;
                for (int j = 0; j < run.text().length(); k++) {
                    int cp = run.text().codePointAt(j);
                    j += Character.charCount(cp);
                    float target = runStart + run.x()[k] * size / 1000f;
                    float glyphRise = run.y() == null ? 0 : run.y()[k] * size / 1000f;
                    glyph(run.face(), cp, target, glyphRise);
                }
                runStart += run.width();
            }
            if (i + 1 < words.size()) {
                // the space glyph of the font that ends the word (text extraction needs it); gaps are positions
                if (collectOnly) {
                    fonts.use(last.face(), ' ');
                } else {
                    glyph(last.face(), ' ', pen, 0);
                }
            }
            wordStart += word.width() + gap;
        }
        endArray();
        if (rise != 0) {
            out.append("0 Ts\n");
            rise = 0;
        }
        if (tagged && !collectOnly && line.actualText() != null) {
            out.append("EMC EMC\n");
        }
    }

    /** A text string (UTF-16BE with its byte order mark) as a literal: two bytes a character, escaped as needed. */
    private void textString(String text) {
        out.append("(\u00FE\u00FF");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            stringByte(c >> 8);
            stringByte(c & 0xFF);
        }
        out.append(')');
    }

    private void stringByte(int b) {
        switch (b) {
            case '(', ')', '\\' -> out.append('\\').append((char) b);
            // a raw end of line inside a string would be read back as a line feed
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            default -> out.append((char) b);
        }
    }

    // start of the current line in the text object, in hundredths of a point
    private long lineX;
    private long lineY;

    // state of the TJ array being written
    private boolean inArray;
    private boolean inString;
    private float rise;
    private float pen; // where the next glyph would be drawn, in points from the line's start

    /** Draws a glyph with its origin at {@code target} (points from the line's start), raised by {@code glyphRise}. */
    private void glyph(Face glyphFace, int cp, float target, float glyphRise) {
        if (Math.abs(glyphRise - rise) >= 0.005f) {
            endArray();
            number(glyphRise);
            out.append("Ts\n");
            rise = glyphRise;
        }
        if (!inArray) {
            out.append('[');
            inArray = true;
        }
        // a TJ number moves by thousandths of the current font size, to the left when positive; whole thousandths
        // (0.01 pt at 10 pt) are plenty, and the pen follows the rounded moves so that errors never add up
        long adjustment = Math.round(-(target - pen) * 1000f / size);
        if (adjustment != 0) {
            if (inString) {
                out.append(')');
                inString = false;
            }
            out.append(adjustment).append(' ');
            pen -= adjustment * size / 1000f;
        }
        if (!inString) {
            out.append('(');
            inString = true;
        }
        fonts.appendGlyph(glyphFace, cp, out);
        pen += fonts.advance(glyphFace, cp) * size / 1000f;
    }

    private void endArray() {
        if (inString) {
            out.append(')');
            inString = false;
        }
        if (inArray) {
            out.append("]TJ\n");
            inArray = false;
        }
    }

    // ---- graphics

    private void rule(Mark.Rule r) {
        if (r.gray() != strokeGray) {
            number(r.gray());
            number(r.gray());
            number(r.gray());
            out.append("RG\n");
            strokeGray = r.gray();
        }
        if (r.lineWidth() != lineWidth) {
            number(r.lineWidth());
            out.append("w\n");
            lineWidth = r.lineWidth();
        }
        number(r.x1());
        number(r.y());
        out.append("m ");
        number(r.x2());
        number(r.y());
        out.append("l S\n");
    }

    /** Saves the graphics state (q). */
    void save() {
        out.append("q\n");
    }

    /** Restores the graphics state (Q); the colour and line width come back with it. */
    void restore() {
        out.append("Q\n");
        fillGray = -1;
        strokeGray = -1;
        lineWidth = -1;
    }

    /** Scales by (sx, sy) and moves the origin to (x, y). */
    void transform(float sx, float sy, float x, float y) {
        number(sx);
        out.append("0 0 ");
        number(sy);
        number(x);
        number(y);
        out.append("cm\n");
    }

    /** Adds a rectangle to the path; {@link #fill} paints the path. */
    void rect(float x, float y, float width, float height) {
        number(x);
        number(y);
        number(width);
        number(height);
        out.append("re\n");
    }

    /** Sets the fill colour, for an image mask, say. */
    void fillColor(float gray) {
        setFill(gray);
    }

    /** Paints the named XObject of the page's resources in the unit square of the current transformation. */
    void paintXObject(String name) {
        out.append('/').append(name).append(" Do\n");
    }

    void fill(float gray) {
        setFill(gray);
        out.append("f\n");
    }

    private void setFill(float gray) {
        // sRGB components, as the output intent
        if (gray != fillGray) {
            number(gray);
            number(gray);
            number(gray);
            out.append("rg\n");
            fillGray = gray;
        }
    }

    /** A number with at most two decimals and no trailing zero, then a space. */
    private void number(float value) {
        long hundredths = Math.round(value * 100.0);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        out.append(hundredths / 100);
        int fraction = (int) (hundredths % 100);
        if (fraction != 0) {
            out.append('.');
            if (fraction < 10) {
                out.append('0').append(fraction);
            } else {
                out.append(fraction % 10 == 0 ? fraction / 10 : fraction);
            }
        }
        out.append(' ');
    }
}
