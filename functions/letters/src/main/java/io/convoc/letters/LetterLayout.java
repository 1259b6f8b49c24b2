package io.convoc.letters;

import io.convoc.letters.TextStyle.Align;
import io.convoc.letters.Typesetter.Paragraph;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * Composes one letter into blocks and places them on A4 pages: French on the left read left to right, Arabic on
 * the right read right to left, each block a row whose two halves start at the same height, so that a reader of
 * either language finds the same part of the letter at the same place. The session table puts the times, read
 * the same in both languages, in a middle column.
 */
final class LetterLayout {
    static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    private static final float MARGIN_X = 42;
    private static final float MARGIN_TOP = 32;
    private static final float MARGIN_BOTTOM = 28;
    private static final float GUTTER = 24;
    private static final float COLUMN = (PAGE_WIDTH - 2 * MARGIN_X - GUTTER) / 2;
    private static final float X_FR = MARGIN_X;
    private static final float X_AR = MARGIN_X + COLUMN + GUTTER;
    /** The session table's middle column, across the gutter. */
    private static final float TIME_COLUMN = 82;
    private static final float SESSION_COLUMN = COLUMN - (TIME_COLUMN - GUTTER) / 2;
    private static final float LETTERHEAD_SIDE = 196;
    private static final float LETTERHEAD_MIDDLE = 112;
    static final float QR_SIZE = 56;
    private static final float FOOTER_HEIGHT = QR_SIZE + 10;
    private static final float FOOTER_CAPTION = PAGE_WIDTH / 2 - QR_SIZE / 2 - 16 - MARGIN_X;
    private static final float CONTENT_TOP = PAGE_HEIGHT - MARGIN_TOP;
    private static final float CONTENT_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT + 8;

    // French: Noto Sans; Arabic: Noto Naskh, a size up because Naskh's letters are small for their body
    private static final TextStyle FR = new TextStyle(Face.SANS, 9f, 12.2f, false, Align.JUSTIFY, 0);
    private static final TextStyle AR = new TextStyle(Face.NASKH, 10.5f, 14.8f, true, Align.JUSTIFY, 0);
    private static final TextStyle FR_BOLD = FR.with(Face.SANS_BOLD).with(Align.START);
    private static final TextStyle AR_BOLD = AR.with(Face.NASKH_BOLD).with(Align.START);
    private static final TextStyle FR_SMALL = FR.withSize(7.5f, 9.6f).with(Align.START).withGray(0.25f);
    private static final TextStyle AR_SMALL = AR.withSize(8.8f, 12.2f).with(Align.START).withGray(0.25f);
    private static final float RULE_GRAY = 0.55f;

    private final Typesetter typesetter;
    private final LetterText fr;
    private final LetterText ar;
    private final LetterContent content;

    LetterLayout(Typesetter typesetter, LetterText fr, LetterText ar, LetterContent content) {
        this.typesetter = typesetter;
        this.fr = fr;
        this.ar = ar;
        this.content = content;
    }

    // ---------------------------------------------------------------- composition

    /** The letter's blocks, top to bottom. */
    List<Block> compose() {
        LetterContent.Side f = content.fr();
        LetterContent.Side a = content.ar();
        List<Block> blocks = new ArrayList<>();
        blocks.add(letterhead());
        blocks.add(row(6,
                List.of(set(f.reference(), FR_BOLD, COLUMN), set(f.placeAndDate(), FR.with(Align.START), COLUMN)),
                List.of(set(a.reference(), AR_BOLD, COLUMN), set(a.placeAndDate(), AR.with(Align.START), COLUMN))));
        blocks.add(row(8,
                List.of(set(f.addressee(), FR_BOLD.withSize(9.5f, 13f), COLUMN),
                        set(f.title(), FR.with(Align.START), COLUMN)),
                List.of(set(a.addressee(), AR_BOLD.withSize(11f, 16f), COLUMN),
                        set(a.title(), AR.with(Align.START), COLUMN))));
        blocks.add(row(7, List.of(set(f.subject(), FR_BOLD, COLUMN).as(Mark.Role.H1)),
                List.of(set(a.subject(), AR_BOLD, COLUMN).as(Mark.Role.H1))));
        blocks.add(new Block(List.of(
                new Cell(X_FR, List.of(set(f.salutation(), FR, COLUMN), set(f.body(), FR, COLUMN)), 4),
                new Cell(X_AR, List.of(set(a.salutation(), AR, COLUMN), set(a.body(), AR, COLUMN)), 1)),
                6, true, Decoration.NONE));
        blocks.add(eventBlock(f, a));
        blocks.addAll(programme(f, a));
        if (!f.practicalInformation().isBlank() || !a.practicalInformation().isBlank()) {
            blocks.add(row(10,
                    List.of(set(f.practicalTitle(), FR_BOLD, COLUMN).as(Mark.Role.H2),
                            set(f.practicalInformation(), FR, COLUMN)),
                    List.of(set(a.practicalTitle(), AR_BOLD, COLUMN).as(Mark.Role.H2),
                            set(a.practicalInformation(), AR, COLUMN))));
        }
        blocks.add(row(12, List.of(set(f.closing(), FR, COLUMN)), List.of(set(a.closing(), AR, COLUMN)))
                .keptWithNext());
        // room under the signatory's title for the signature and the stamp
        blocks.add(row(34,
                List.of(set(f.signatory(), FR_BOLD.with(Align.CENTER), COLUMN)),
                List.of(set(a.signatory(), AR_BOLD.with(Align.CENTER), COLUMN))));
        return blocks;
    }

    private Block letterhead() {
        TextStyle frHead = FR.withSize(8.5f, 11f).with(Align.CENTER);
        TextStyle arHead = AR.withSize(10.5f, 13.5f).with(Align.CENTER);
        List<Paragraph> left = new ArrayList<>();
        List<Paragraph> right = new ArrayList<>();
        left.add(set(content.fr().kingdom(), FR_BOLD.withSize(9.5f, 13f).with(Align.CENTER), LETTERHEAD_SIDE));
        right.add(set(content.ar().kingdom(), AR_BOLD.withSize(12.5f, 17f).with(Align.CENTER), LETTERHEAD_SIDE));
        content.fr().organizers().forEach(o -> left.add(set(o, frHead, LETTERHEAD_SIDE)));
        content.ar().organizers().forEach(o -> right.add(set(o, arHead, LETTERHEAD_SIDE)));
        Paragraph tifinagh = set(content.tifinagh(), new TextStyle(Face.TIFINAGH, 9f, 13f, false, Align.CENTER, 0),
                LETTERHEAD_MIDDLE);
        return new Block(List.of(
                new Cell(MARGIN_X, left, 1),
                new Cell(PAGE_WIDTH / 2 - LETTERHEAD_MIDDLE / 2, List.of(tifinagh), 0),
                new Cell(PAGE_WIDTH - MARGIN_X - LETTERHEAD_SIDE, right, 1)),
                16, false, Decoration.RULE);
    }

    private Block eventBlock(LetterContent.Side f, LetterContent.Side a) {
        TextStyle frCentre = FR.with(Align.CENTER);
        TextStyle arCentre = AR.with(Align.CENTER);
        List<Paragraph> left = List.of(
                set(f.patronage(), frCentre.withSize(8.5f, 11.5f).withGray(0.2f), COLUMN),
                set(f.eventName(), FR_BOLD.withSize(10.5f, 14f).with(Align.CENTER), COLUMN),
                set(f.theme(), frCentre, COLUMN),
                set(f.placeAndDates(), FR_BOLD.with(Align.CENTER), COLUMN),
                set(f.venue(), frCentre, COLUMN));
        List<Paragraph> right = List.of(
                set(a.patronage(), arCentre.withGray(0.2f), COLUMN),
                set(a.eventName(), AR_BOLD.withSize(12f, 17f).with(Align.CENTER), COLUMN),
                set(a.theme(), arCentre, COLUMN),
                set(a.placeAndDates(), AR_BOLD.with(Align.CENTER), COLUMN),
                set(a.venue(), arCentre, COLUMN));
        return new Block(List.of(new Cell(X_FR, left, 2), new Cell(X_AR, right, 0)), 12, false, Decoration.SHADE);
    }

    /** The sessions the invitee attends, a heading per day, times in the middle column. */
    private List<Block> programme(LetterContent.Side f, LetterContent.Side a) {
        List<Block> blocks = new ArrayList<>();
        if (content.days().isEmpty()) {
            return blocks;
        }
        blocks.add(row(3, List.of(set(f.programmeIntro(), FR_BOLD, COLUMN).as(Mark.Role.H2)),
                List.of(set(a.programmeIntro(), AR_BOLD, COLUMN).as(Mark.Role.H2))).keptWithNext());
        TextStyle frDay = FR_BOLD.withGray(0.1f);
        TextStyle arDay = AR_BOLD.withGray(0.1f);
        TextStyle time = FR.withSize(8.5f, 12.6f).with(Align.CENTER);
        TextStyle frRoom = FR_SMALL.withSize(8f, 10.5f);
        TextStyle arRoom = AR_SMALL.withSize(9.5f, 13f);
        for (LetterContent.Day day : content.days()) {
            blocks.add(new Block(List.of(
                    new Cell(X_FR, List.of(set(day.fr(), frDay, COLUMN).as(Mark.Role.H3)), 0),
                    new Cell(X_AR, List.of(set(day.ar(), arDay, COLUMN).as(Mark.Role.H3)), 0)),
                    5, true, Decoration.RULE));
            for (LetterContent.Session s : day.sessions()) {
                blocks.add(new Block(List.of(
                        new Cell(X_FR, List.of(set(s.fr(), FR.with(Align.START), SESSION_COLUMN),
                                set(s.roomFr(), frRoom, SESSION_COLUMN)), 0),
                        new Cell(PAGE_WIDTH / 2 - TIME_COLUMN / 2, List.of(set(s.time(), time, TIME_COLUMN)), 0),
                        new Cell(X_AR + COLUMN - SESSION_COLUMN, List.of(
                                set(s.ar(), AR.with(Align.START), SESSION_COLUMN),
                                set(s.roomAr(), arRoom, SESSION_COLUMN)), 0)),
                        3, false, Decoration.THIN_RULE));
            }
        }
        blocks.set(blocks.size() - 1, blocks.get(blocks.size() - 1).withSpaceAfter(12));
        return blocks;
    }

    private Paragraph set(String text, TextStyle style, float width) {
        return typesetter.typeset(text, style, width);
    }

    private static Block row(float spaceAfter, List<Paragraph> french, List<Paragraph> arabic) {
        return new Block(List.of(new Cell(X_FR, french, 2), new Cell(X_AR, arabic, 0)), spaceAfter, false,
                Decoration.NONE);
    }

    // ---------------------------------------------------------------- pages

    /** The blocks of each page, top to bottom, with where each starts. */
    List<List<Placed>> paginate(List<Block> blocks) {
        List<List<Placed>> pages = new ArrayList<>();
        List<Placed> page = new ArrayList<>();
        float y = CONTENT_TOP;
        java.util.ArrayDeque<Block> queue = new java.util.ArrayDeque<>(blocks);
        while (!queue.isEmpty()) {
            Block block = queue.poll();
            // a heading stays with what follows it
            float needed = block.height();
            Block previous = block;
            for (Block next : queue) {
                if (!previous.keepWithNext()) {
                    break;
                }
                needed += next.contentHeight();
                previous = next;
            }
            if (y - needed < CONTENT_BOTTOM) {
                float fullPage = CONTENT_TOP - continuationHeight() - CONTENT_BOTTOM;
                if (block.height() > fullPage || (page.isEmpty() && needed > fullPage)) {
                    // taller than a page (a long practical notice, say): what fits here, the rest after
                    Block[] parts = block.split(y - CONTENT_BOTTOM);
                    if (parts != null) {
                        page.add(new Placed(parts[0], y));
                        queue.push(parts[1]);
                        pages.add(page);
                        page = new ArrayList<>();
                        y = CONTENT_TOP - continuationHeight();
                        continue;
                    }
                }
                if (!page.isEmpty()) {
                    pages.add(page);
                    page = new ArrayList<>();
                    y = CONTENT_TOP - continuationHeight();
                }
            }
            page.add(new Placed(block, y));
            y -= block.height();
        }
        pages.add(page);
        return pages;
    }

    /** Everything drawn on one page, in drawing order. */
    List<Mark> page(List<Placed> blocks, int pageNumber, int pages, QrCode qr) {
        List<Mark> marks = new ArrayList<>();
        if (pageNumber > 1) {
            continuation().draw(marks, CONTENT_TOP);
        }
        for (Placed placed : blocks) {
            placed.block().draw(marks, placed.top());
        }
        footer(marks, pageNumber, pages, qr);
        return marks;
    }

    private float continuationHeight() {
        return continuation().height();
    }

    private Block continuation() {
        return new Block(List.of(
                new Cell(X_FR, List.of(set(content.fr().continuation(), FR_SMALL, COLUMN).as(Mark.Role.ARTIFACT)), 0),
                new Cell(X_AR, List.of(set(content.ar().continuation(), AR_SMALL, COLUMN).as(Mark.Role.ARTIFACT)),
                        0)),
                14, false, Decoration.RULE);
    }

    private void footer(List<Mark> marks, int pageNumber, int pages, QrCode qr) {
        float top = MARGIN_BOTTOM + FOOTER_HEIGHT;
        marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top, 0.5f, RULE_GRAY));
        float qrTop = top - (FOOTER_HEIGHT - QR_SIZE) / 2;
        marks.add(new Mark.Qr(qr, PAGE_WIDTH / 2 - QR_SIZE / 2, qrTop - QR_SIZE, QR_SIZE));
        LetterContent.Side f = content.fr();
        LetterContent.Side a = content.ar();
        List<Paragraph> left = new ArrayList<>(List.of(set(f.footerVerify(), FR_SMALL, FOOTER_CAPTION),
                set(f.footerReference(), FR_SMALL, FOOTER_CAPTION), set(f.footerCategory(), FR_SMALL, FOOTER_CAPTION)));
        List<Paragraph> right = new ArrayList<>(List.of(set(a.footerVerify(), AR_SMALL, FOOTER_CAPTION),
                set(a.footerReference(), AR_SMALL, FOOTER_CAPTION), set(a.footerCategory(), AR_SMALL, FOOTER_CAPTION)));
        if (pageNumber > 1) {
            // read once, on the first page; after it the footer is pagination
            left.replaceAll(p -> p.as(Mark.Role.ARTIFACT));
            right.replaceAll(p -> p.as(Mark.Role.ARTIFACT));
        }
        if (pages > 1) {
            left.add(set(fr.format("footer.page", "page", pageNumber, "pages", pages), FR_SMALL, FOOTER_CAPTION)
                    .as(Mark.Role.ARTIFACT));
            right.add(set(ar.format("footer.page", "page", pageNumber, "pages", pages), AR_SMALL, FOOTER_CAPTION)
                    .as(Mark.Role.ARTIFACT));
        }
        new Block(List.of(new Cell(MARGIN_X, left, 1),
                new Cell(PAGE_WIDTH - MARGIN_X - FOOTER_CAPTION, right, 0)), 0, false, Decoration.NONE)
                .draw(marks, qrTop + 1);
    }

    // ---------------------------------------------------------------- blocks

    enum Decoration { NONE, RULE, THIN_RULE, SHADE }

    /** Paragraphs stacked at x; each paragraph knows its width. */
    record Cell(float x, List<Paragraph> paragraphs, float gap) {
        float height() {
            float h = 0;
            int drawn = 0;
            for (Paragraph p : paragraphs) {
                if (!p.isEmpty()) {
                    h += p.height() + (drawn++ > 0 ? gap : 0);
                }
            }
            return h;
        }
    }

    /** A row of cells that start at the same height. */
    record Block(List<Cell> cells, float spaceAfter, boolean keepWithNext, Decoration decoration) {
        float contentHeight() {
            float h = 0;
            for (Cell c : cells) {
                h = Math.max(h, c.height());
            }
            return h;
        }

        float height() {
            return contentHeight() + spaceAfter + (decoration == Decoration.SHADE ? 8 : 0);
        }

        /**
         * Cuts the block after the lines that fit in {@code available} points: the first part, then the rest, or
         * null when not one line fits.
         */
        Block[] split(float available) {
            List<Cell> head = new ArrayList<>();
            List<Cell> tail = new ArrayList<>();
            boolean any = false;
            for (Cell cell : cells) {
                List<Paragraph> first = new ArrayList<>();
                List<Paragraph> rest = new ArrayList<>();
                float used = 0;
                for (Paragraph p : cell.paragraphs()) {
                    if (p.isEmpty()) {
                        continue;
                    }
                    float gap = first.isEmpty() ? 0 : cell.gap();
                    int fit = rest.isEmpty()
                            ? (int) Math.min(p.lines().size(), Math.floor((available - used - gap) / p.style().leading()))
                            : 0;
                    if (fit > 0) {
                        first.add(new Paragraph(p.lines().subList(0, fit), p.style(), p.width(), p.role()));
                        used += gap + fit * p.style().leading();
                    }
                    if (fit < p.lines().size()) {
                        rest.add(new Paragraph(p.lines().subList(Math.max(fit, 0), p.lines().size()), p.style(),
                                p.width(), p.role()));
                    }
                }
                any |= !first.isEmpty();
                head.add(new Cell(cell.x(), first, cell.gap()));
                tail.add(new Cell(cell.x(), rest, cell.gap()));
            }
            return any ? new Block[] {new Block(head, 0, false, decoration), new Block(tail, spaceAfter, keepWithNext,
                    decoration)} : null;
        }

        Block keptWithNext() {
            return new Block(cells, spaceAfter, true, decoration);
        }

        Block withSpaceAfter(float space) {
            return new Block(cells, space, keepWithNext, decoration);
        }

        void draw(List<Mark> marks, float top) {
            float content = contentHeight();
            float textTop = top;
            if (decoration == Decoration.SHADE) {
                marks.add(new Mark.Shade(MARGIN_X - 6, top - content - 8, PAGE_WIDTH - 2 * MARGIN_X + 12,
                        content + 8, 0.94f));
                textTop = top - 4;
            }
            for (Cell cell : cells) {
                float y = textTop;
                boolean first = true;
                for (Paragraph p : cell.paragraphs()) {
                    if (p.isEmpty()) {
                        continue;
                    }
                    if (!first) {
                        y -= cell.gap();
                    }
                    marks.add(new Mark.Text(p, cell.x(), y, p.role()));
                    y -= p.height();
                    first = false;
                }
            }
            switch (decoration) {
                case RULE -> marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top - content - 2.5f, 0.6f,
                        RULE_GRAY));
                case THIN_RULE -> marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top - content - 1.5f,
                        0.25f, 0.75f));
                default -> {
                }
            }
        }
    }

    record Placed(Block block, float top) {
    }
}
