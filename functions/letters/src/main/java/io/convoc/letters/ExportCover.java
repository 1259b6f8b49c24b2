package io.convoc.letters;

import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.validation.Messages;
import io.convoc.letters.TextStyle.Align;
import io.convoc.letters.Typesetter.Paragraph;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The cover of a print-ready export of letters: the event's name in French and Arabic, what was selected, when the
 * export was made, the counts, then the list of the letters bound after it (number, reference, name in Latin and
 * Arabic script, category in both languages, the page where the letter starts), in protocol order, on as many A4
 * pages as it takes, the column titles repeated on each.
 *
 * <p>Made with the letters' own machinery: {@link Typesetter} (ICU shaping and bidi, a face per script), the subset
 * fonts of {@link EmbeddedFonts} and {@link ContentWriter}. The words come from the bundle {@code cover}.
 *
 * <p>Laid out before it is drawn: {@link #layout} tells how many pages the cover takes, which the letters' first pages
 * depend on, and {@link Sheet#render} then draws it with those page numbers. Thread-safe.
 */
public final class ExportCover {
    private static final String BUNDLE = "io.convoc.letters.cover";
    private static final float PAGE_WIDTH = LetterLayout.PAGE_WIDTH;
    private static final float PAGE_HEIGHT = LetterLayout.PAGE_HEIGHT;
    private static final float MARGIN_X = 36;
    private static final float CONTENT_TOP = PAGE_HEIGHT - 40;
    private static final float FOOTER_BASE = 26;
    private static final float CONTENT_BOTTOM = 48;
    private static final float GUTTER = 24;
    private static final float HALF = (PAGE_WIDTH - 2 * MARGIN_X - GUTTER) / 2;
    private static final float X_AR = MARGIN_X + HALF + GUTTER;
    private static final float GAP = 3.5f;
    private static final float ROW_PADDING = 2.4f;
    private static final float RULE_GRAY = 0.55f;

    // the table's columns, left to right: number, reference, Latin name, Arabic name, category (fr), category (ar), page
    private static final float[] WIDTHS = {20, 64, 104, 96, 114, 74, 24};
    private static final float[] X = new float[WIDTHS.length];

    static {
        float x = MARGIN_X;
        for (int i = 0; i < WIDTHS.length; i++) {
            X[i] = x;
            x += WIDTHS[i] + GAP;
        }
    }

    private static final TextStyle FR = new TextStyle(Face.SANS, 7.5f, 9.6f, false, Align.START, 0);
    private static final TextStyle AR = new TextStyle(Face.NASKH, 8.8f, 11.4f, true, Align.START, 0);
    private static final TextStyle FR_HEAD = FR.with(Face.SANS_BOLD).withGray(0.15f);
    private static final TextStyle AR_HEAD = AR.with(Face.NASKH_BOLD).withGray(0.15f);
    private static final TextStyle FR_TEXT = new TextStyle(Face.SANS, 9f, 12.4f, false, Align.START, 0);
    private static final TextStyle AR_TEXT = new TextStyle(Face.NASKH, 10.5f, 14.6f, true, Align.START, 0);

    private static final class Shared {
        static final ExportCover INSTANCE = new ExportCover(LetterRenderer.shared().fonts());
    }

    private final LetterFonts fonts;
    // its own typesetter: thousands of names would only crowd out the letters' cached paragraphs
    private final Typesetter typesetter;

    private ExportCover(LetterFonts fonts) {
        this.fonts = fonts;
        this.typesetter = new Typesetter(fonts);
    }

    /** The cover maker of this JVM, on the letters' parsed fonts. */
    public static ExportCover shared() {
        return Shared.INSTANCE;
    }

    /** A letter as the cover lists it. */
    public record Line(String reference, PersonName name, Category category) {
    }

    /**
     * Lays the cover out.
     *
     * @param letterPages the pages of all the letters, for the counts printed on the cover
     */
    public Sheet layout(Programme programme, LetterSelection selection, Instant madeAt, List<Line> lines,
                        int letterPages) {
        LetterText fr = new LetterText(Language.FR, BUNDLE);
        LetterText ar = new LetterText(Language.AR, BUNDLE);
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            rows.add(row(i + 1, lines.get(i)));
        }
        // the counts name the cover's own pages: lay out until the number printed is the number laid out
        int coverPages = 1;
        Sheet sheet = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            sheet = new Sheet(header(programme, selection, madeAt, lines.size(), letterPages, coverPages, fr, ar),
                    columnTitles(fr, ar), rows, fr, ar, programme.event());
            if (sheet.pages() == coverPages) {
                break;
            }
            coverPages = sheet.pages();
        }
        return sheet;
    }

    // ---------------------------------------------------------------- content

    private List<Paragraph[]> header(Programme programme, LetterSelection selection, Instant madeAt, int letters,
                                     int letterPages, int coverPages, LetterText fr, LetterText ar) {
        Event event = programme.event();
        LocalDateTime local = LocalDateTime.ofInstant(madeAt, event.zone());
        List<Paragraph[]> rows = new ArrayList<>();
        rows.add(pair(event.name().fr(), FR_TEXT.with(Face.SANS_BOLD).withSize(12f, 16f),
                event.name().ar(), AR_TEXT.with(Face.NASKH_BOLD).withSize(14f, 19f)));
        rows.add(pair(fr.format("title"), FR_TEXT.with(Face.SANS_BOLD).withSize(10.5f, 14f),
                ar.format("title"), AR_TEXT.with(Face.NASKH_BOLD).withSize(12f, 16.5f)));
        rows.add(pair(selection(programme, selection, fr), FR_TEXT, selection(programme, selection, ar), AR_TEXT));
        rows.add(pair(fr.format("made", "at", LetterText.dateTime(local)), FR_TEXT,
                ar.format("made", "at", LetterText.dateTime(local)), AR_TEXT));
        Object[] counts = {"letters", letters, "pages", letterPages + coverPages, "cover", coverPages};
        rows.add(pair(fr.format("count", counts), FR_TEXT, ar.format("count", counts), AR_TEXT));
        return rows;
    }

    private Paragraph[] pair(String french, TextStyle frStyle, String arabic, TextStyle arStyle) {
        return new Paragraph[] {set(french, frStyle, HALF), set(arabic, arStyle, HALF)};
    }

    /** What was selected, in the words of the reader: "catégorie Experts ; atelier … ; statut Lettre prête". */
    private static String selection(Programme programme, LetterSelection s, LetterText text) {
        Language language = text.language();
        List<String> parts = new ArrayList<>();
        if (s.explicit()) {
            parts.add(text.format("selection.explicit", "count", s.registrationIds().size()));
        }
        if (s.category() != null) {
            parts.add(text.format("selection.category", "value", Messages.label(language, s.category())));
        }
        if (s.region() != null) {
            parts.add(text.format("selection.region", "value", Messages.label(language, s.region())));
        }
        if (s.workshop() != null) {
            String title = programme.sessions().stream().filter(w -> w.id().equals(s.workshop())).findFirst()
                    .map(ProgrammeSession::title).map(t -> language == Language.AR ? t.ar() : t.fr())
                    .orElse(s.workshop());
            parts.add(text.format("selection.workshop", "value", title));
        }
        if (s.status() != null) {
            parts.add(text.format("selection.status", "value", Messages.label(language, s.status())));
        }
        if (parts.isEmpty()) {
            parts.add(text.format("selection.all"));
        }
        return text.format("selection", "parts", String.join(text.format("selection.separator"), parts));
    }

    private Paragraph[] columnTitles(LetterText fr, LetterText ar) {
        return new Paragraph[] {
                set(fr.format("column.number"), FR_HEAD.with(Align.END), WIDTHS[0]),
                set(fr.format("column.reference"), FR_HEAD, WIDTHS[1]),
                set(fr.format("column.name"), FR_HEAD, WIDTHS[2]),
                set(ar.format("column.name"), AR_HEAD, WIDTHS[3]),
                set(fr.format("column.category"), FR_HEAD, WIDTHS[4]),
                set(ar.format("column.category"), AR_HEAD, WIDTHS[5]),
                set(fr.format("column.page"), FR_HEAD.with(Align.END), WIDTHS[6])};
    }

    /** One letter's row; its page number is set when the cover is drawn. */
    private Row row(int number, Line line) {
        PersonName name = line.name();
        Paragraph[] cells = {
                set(String.valueOf(number), FR.with(Align.END), WIDTHS[0]),
                set(line.reference(), FR, WIDTHS[1]),
                set(name.latin(), FR, WIDTHS[2]),
                set(name.arabicName(), AR, WIDTHS[3]),
                set(Messages.label(Language.FR, line.category()), FR.withSize(6.8f, 8.8f), WIDTHS[4]),
                set(Messages.label(Language.AR, line.category()), AR.withSize(8.2f, 10.6f), WIDTHS[5])};
        float height = 0;
        for (Paragraph p : cells) {
            height = Math.max(height, p.height());
        }
        return new Row(cells, Math.max(height, FR.leading()) + 2 * ROW_PADDING);
    }

    private record Row(Paragraph[] cells, float height) {
    }

    private Paragraph set(String text, TextStyle style, float width) {
        return typesetter.typeset(text, style, width);
    }

    // ---------------------------------------------------------------- pages

    /** A laid-out cover: its pages are known; {@link #render} draws it. */
    public final class Sheet {
        private final List<Paragraph[]> header;
        private final Paragraph[] titles;
        private final List<Row> rows;
        private final LetterText fr;
        private final LetterText ar;
        private final Event event;
        /** Per page: the first row on it, and where the table starts. */
        private final List<int[]> firstRows = new ArrayList<>();
        private final List<Float> tableTops = new ArrayList<>();
        private final float headerBottom;

        private Sheet(List<Paragraph[]> header, Paragraph[] titles, List<Row> rows, LetterText fr, LetterText ar,
                      Event event) {
            this.header = header;
            this.titles = titles;
            this.rows = rows;
            this.fr = fr;
            this.ar = ar;
            this.event = event;
            float y = CONTENT_TOP;
            for (Paragraph[] pair : header) {
                y -= Math.max(pair[0].height(), pair[1].height()) + 5;
            }
            this.headerBottom = y - 4;
            float titlesHeight = titlesHeight();
            y = headerBottom - 8;
            firstRows.add(new int[] {0});
            tableTops.add(y);
            y -= titlesHeight;
            for (int i = 0; i < rows.size(); i++) {
                if (y - rows.get(i).height() < CONTENT_BOTTOM) {
                    firstRows.add(new int[] {i});
                    tableTops.add(CONTENT_TOP);
                    y = CONTENT_TOP - titlesHeight;
                }
                y -= rows.get(i).height();
            }
        }

        private float titlesHeight() {
            float h = 0;
            for (Paragraph p : titles) {
                h = Math.max(h, p.height());
            }
            return h + 2 * ROW_PADDING + 1;
        }

        public int pages() {
            return firstRows.size();
        }

        /**
         * The cover as a PDF.
         *
         * @param firstPages for each line, in order, the page of the bound file where its letter starts
         */
        public byte[] render(int[] firstPages) {
            if (firstPages.length != rows.size()) {
                throw new IllegalArgumentException(firstPages.length + " page numbers for " + rows.size() + " lines");
            }
            List<List<Mark>> pages = new ArrayList<>();
            for (int p = 0; p < pages(); p++) {
                pages.add(page(p, firstPages));
            }
            EmbeddedFonts embedded = new EmbeddedFonts(fonts);
            pages.forEach(marks -> ContentWriter.collect(marks, embedded));
            try (PDDocument document = new PDDocument()) {
                COSDocument cos = document.getDocument();
                PDResources resources = new PDResources();
                resources.getCOSObject().setItem(COSName.FONT, embedded.build(cos));
                for (List<Mark> marks : pages) {
                    PDPage page = new PDPage(PDRectangle.A4);
                    page.setResources(resources);
                    page.getCOSObject().setItem(COSName.CONTENTS,
                            EmbeddedFonts.stream(cos, ContentWriter.write(marks, embedded)));
                    document.addPage(page);
                }
                document.getDocumentInformation().setTitle(fr.format("meta.title", "event", event.name().fr()));
                document.getDocumentInformation().setProducer(PdfA.PRODUCER);
                document.getDocumentCatalog().setLanguage(Language.FR.tag());
                ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024 + 600 * rows.size());
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the export cover", e);
            }
        }

        private List<Mark> page(int index, int[] firstPages) {
            List<Mark> marks = new ArrayList<>();
            if (index == 0) {
                float y = CONTENT_TOP;
                for (Paragraph[] pair : header) {
                    marks.add(new Mark.Text(pair[0], MARGIN_X, y));
                    marks.add(new Mark.Text(pair[1], X_AR, y));
                    y -= Math.max(pair[0].height(), pair[1].height()) + 5;
                }
                marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, headerBottom, 0.6f, RULE_GRAY));
            }
            float y = tableTops.get(index);
            float titlesHeight = titlesHeight();
            marks.add(new Mark.Shade(MARGIN_X - 3, y - titlesHeight, PAGE_WIDTH - 2 * MARGIN_X + 6, titlesHeight,
                    0.92f));
            for (int c = 0; c < titles.length; c++) {
                marks.add(new Mark.Text(titles[c], X[c], y - ROW_PADDING));
            }
            y -= titlesHeight;
            int from = firstRows.get(index)[0];
            int to = index + 1 < pages() ? firstRows.get(index + 1)[0] : rows.size();
            for (int i = from; i < to; i++) {
                Row row = rows.get(i);
                for (int c = 0; c < row.cells().length; c++) {
                    marks.add(new Mark.Text(row.cells()[c], X[c], y - ROW_PADDING));
                }
                marks.add(new Mark.Text(set(String.valueOf(firstPages[i]), FR.with(Align.END), WIDTHS[6]), X[6],
                        y - ROW_PADDING));
                y -= row.height();
                marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, y, 0.25f, 0.8f));
            }
            Object[] pageArgs = {"page", index + 1, "pages", pages()};
            marks.add(new Mark.Text(set(fr.format("footer", pageArgs), FR.withGray(0.3f), HALF), MARGIN_X,
                    FOOTER_BASE + FR.leading()));
            marks.add(new Mark.Text(set(ar.format("footer", pageArgs), AR.withGray(0.3f), HALF), X_AR,
                    FOOTER_BASE + AR.leading()));
            return marks;
        }
    }
}
