package io.convoc.letters;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.registration.Registration;
import io.convoc.core.validation.Messages;
import io.convoc.letters.TextStyle.Align;
import io.convoc.letters.Typesetter.Paragraph;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    private final InvitationLetter letter;
    private final Event event;
    private final Registration registration;

    LetterLayout(Typesetter typesetter, LetterText fr, LetterText ar, InvitationLetter letter) {
        this.typesetter = typesetter;
        this.fr = fr;
        this.ar = ar;
        this.letter = letter;
        this.event = letter.programme().event();
        this.registration = letter.registration();
    }

    // ---------------------------------------------------------------- composition

    /** The letter's blocks, top to bottom. */
    List<Block> compose() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(letterhead());
        blocks.add(row(6,
                List.of(set(fr.format("reference", "reference", letter.reference()), FR_BOLD, COLUMN),
                        set(placeAndDate(fr), FR.with(Align.START), COLUMN)),
                List.of(set(ar.format("reference", "reference", letter.reference()), AR_BOLD, COLUMN),
                        set(placeAndDate(ar), AR.with(Align.START), COLUMN))));
        blocks.add(addressee());
        blocks.add(row(7,
                List.of(set(fr.format("subject", "event", text(event.name(), Language.FR)), FR_BOLD, COLUMN)),
                List.of(set(ar.format("subject", "event", text(event.name(), Language.AR)), AR_BOLD, COLUMN))));
        blocks.add(new Block(List.of(
                new Cell(X_FR, List.of(set(fr.format("salutation", civilityArguments(Language.FR)), FR, COLUMN),
                        set(fr.format("body"), FR, COLUMN)), 4),
                new Cell(X_AR, List.of(set(ar.format("salutation", civilityArguments(Language.AR)), AR, COLUMN),
                        set(ar.format("body"), AR, COLUMN)), 1)),
                6, true, Decoration.NONE));
        blocks.add(eventBlock());
        blocks.addAll(programme());
        if (!event.practicalInformation().isBlank()) {
            blocks.add(row(10,
                    List.of(set(fr.format("practical.title"), FR_BOLD, COLUMN),
                            set(text(event.practicalInformation(), Language.FR), FR, COLUMN)),
                    List.of(set(ar.format("practical.title"), AR_BOLD, COLUMN),
                            set(text(event.practicalInformation(), Language.AR), AR, COLUMN))));
        }
        blocks.add(row(12,
                List.of(set(fr.format("closing", civilityArguments(Language.FR)), FR, COLUMN)),
                List.of(set(ar.format("closing"), AR, COLUMN))).keptWithNext());
        // room under the signatory's title for the signature and the stamp
        blocks.add(row(34,
                List.of(set(text(event.signatory(), Language.FR), FR_BOLD.with(Align.CENTER), COLUMN)),
                List.of(set(text(event.signatory(), Language.AR), AR_BOLD.with(Align.CENTER), COLUMN))));
        return blocks;
    }

    private Block letterhead() {
        TextStyle frHead = FR.withSize(8.5f, 11f).with(Align.CENTER);
        TextStyle arHead = AR.withSize(10.5f, 13.5f).with(Align.CENTER);
        List<Paragraph> left = new ArrayList<>();
        List<Paragraph> right = new ArrayList<>();
        left.add(set(fr.format("letterhead.kingdom"), FR_BOLD.withSize(9.5f, 13f).with(Align.CENTER),
                LETTERHEAD_SIDE));
        right.add(set(ar.format("letterhead.kingdom"), AR_BOLD.withSize(12.5f, 17f).with(Align.CENTER),
                LETTERHEAD_SIDE));
        for (Bilingual organizer : event.organizers()) {
            left.add(set(text(organizer, Language.FR), frHead, LETTERHEAD_SIDE));
            right.add(set(text(organizer, Language.AR), arHead, LETTERHEAD_SIDE));
        }
        Paragraph tifinagh = set(fr.format("letterhead.kingdom.tifinagh"),
                new TextStyle(Face.TIFINAGH, 9f, 13f, false, Align.CENTER, 0), LETTERHEAD_MIDDLE);
        return new Block(List.of(
                new Cell(MARGIN_X, left, 1),
                new Cell(PAGE_WIDTH / 2 - LETTERHEAD_MIDDLE / 2, List.of(tifinagh), 0),
                new Cell(PAGE_WIDTH - MARGIN_X - LETTERHEAD_SIDE, right, 1)),
                16, false, Decoration.RULE);
    }

    private Block addressee() {
        String frName = registration.name().latinOrArabic();
        String arName = registration.name().arabicOrLatin();
        List<Paragraph> left = new ArrayList<>();
        List<Paragraph> right = new ArrayList<>();
        left.add(set(fr.format("addressee", civilityArguments(Language.FR, "name", frName)),
                FR_BOLD.withSize(9.5f, 13f), COLUMN));
        right.add(set(ar.format("addressee", civilityArguments(Language.AR, "name", arName)),
                AR_BOLD.withSize(11f, 16f), COLUMN));
        String titleFr = registration.titleFr().isBlank() ? registration.titleAr() : registration.titleFr();
        String titleAr = registration.titleAr().isBlank() ? registration.titleFr() : registration.titleAr();
        left.add(set(titleFr, FR.with(Align.START), COLUMN));
        right.add(set(titleAr, AR.with(Align.START), COLUMN));
        return row(8, left, right);
    }

    private Block eventBlock() {
        TextStyle frCentre = FR.with(Align.CENTER);
        TextStyle arCentre = AR.with(Align.CENTER);
        List<Paragraph> left = List.of(
                set(text(event.patronage(), Language.FR), frCentre.withSize(8.5f, 11.5f).withGray(0.2f), COLUMN),
                set(text(event.name(), Language.FR), FR_BOLD.withSize(10.5f, 14f).with(Align.CENTER), COLUMN),
                set(text(event.theme(), Language.FR), frCentre, COLUMN),
                set(fr.format("event.placeAndDates", "city", text(event.city(), Language.FR),
                        "dates", dates(fr)), FR_BOLD.with(Align.CENTER), COLUMN),
                set(fr.format("event.venue", "venue", text(event.venue(), Language.FR)), frCentre, COLUMN));
        List<Paragraph> right = List.of(
                set(text(event.patronage(), Language.AR), arCentre.withGray(0.2f), COLUMN),
                set(text(event.name(), Language.AR), AR_BOLD.withSize(12f, 17f).with(Align.CENTER), COLUMN),
                set(text(event.theme(), Language.AR), arCentre, COLUMN),
                set(ar.format("event.placeAndDates", "city", text(event.city(), Language.AR),
                        "dates", dates(ar)), AR_BOLD.with(Align.CENTER), COLUMN),
                set(ar.format("event.venue", "venue", text(event.venue(), Language.AR)), arCentre, COLUMN));
        return new Block(List.of(new Cell(X_FR, left, 2), new Cell(X_AR, right, 0)), 12, false, Decoration.SHADE);
    }

    /** The sessions the invitee attends, a heading per day, times in the middle column. */
    private List<Block> programme() {
        List<ProgrammeSession> sessions = letter.programme().attendedBy(registration.workshops());
        List<Block> blocks = new ArrayList<>();
        if (sessions.isEmpty()) {
            return blocks;
        }
        blocks.add(row(3,
                List.of(set(fr.format("programme.intro"), FR_BOLD, COLUMN)),
                List.of(set(ar.format("programme.intro"), AR_BOLD, COLUMN))).keptWithNext());
        Map<LocalDate, List<ProgrammeSession>> byDay = new TreeMap<>();
        for (ProgrammeSession s : sessions) {
            byDay.computeIfAbsent(s.start().toLocalDate(), d -> new ArrayList<>()).add(s);
        }
        TextStyle frDay = FR_BOLD.withGray(0.1f);
        TextStyle arDay = AR_BOLD.withGray(0.1f);
        TextStyle time = FR.withSize(8.5f, 12.6f).with(Align.CENTER);
        TextStyle frRoom = FR_SMALL.withSize(8f, 10.5f);
        TextStyle arRoom = AR_SMALL.withSize(9.5f, 13f);
        for (Map.Entry<LocalDate, List<ProgrammeSession>> day : byDay.entrySet()) {
            var date = LetterText.date(day.getKey());
            blocks.add(new Block(List.of(
                    new Cell(X_FR, List.of(set(fr.sentence("programme.day", "day", date), frDay, COLUMN)), 0),
                    new Cell(X_AR, List.of(set(ar.sentence("programme.day", "day", date), arDay, COLUMN)), 0)),
                    5, true, Decoration.RULE));
            for (ProgrammeSession s : day.getValue()) {
                String key = s.isWorkshop() ? "session.workshop" : "session.plenary";
                blocks.add(new Block(List.of(
                        new Cell(X_FR, List.of(
                                set(fr.format(key, "title", text(s.title(), Language.FR)), FR.with(Align.START),
                                        SESSION_COLUMN),
                                set(text(s.room(), Language.FR), frRoom, SESSION_COLUMN)), 0),
                        new Cell(PAGE_WIDTH / 2 - TIME_COLUMN / 2, List.of(set(fr.format("session.time",
                                "start", LetterText.dateTime(s.start()), "end", LetterText.dateTime(s.end())),
                                time, TIME_COLUMN)), 0),
                        new Cell(X_AR + COLUMN - SESSION_COLUMN, List.of(
                                set(ar.format(key, "title", text(s.title(), Language.AR)), AR.with(Align.START),
                                        SESSION_COLUMN),
                                set(text(s.room(), Language.AR), arRoom, SESSION_COLUMN)), 0)),
                        3, false, Decoration.THIN_RULE));
            }
        }
        blocks.set(blocks.size() - 1, blocks.get(blocks.size() - 1).withSpaceAfter(12));
        return blocks;
    }

    private String placeAndDate(LetterText t) {
        var issued = LetterText.date(letter.issuedOn());
        String place = text(event.issuingPlace(), t.language());
        if (t.language() == Language.AR) {
            return t.format("placeAndDate", "place", place,
                    "hijri", t.format("hijri.date", "date", issued), "gregorian", t.format("date", "date", issued));
        }
        return t.format("placeAndDate", "place", place, "day", letter.issuedOn().getDayOfMonth(), "date", issued);
    }

    private String dates(LetterText t) {
        LocalDate start = event.startDate();
        LocalDate end = event.endDate();
        String key;
        if (start.equals(end)) {
            key = "dates.oneDay";
        } else if (start.getYear() != end.getYear()) {
            key = "dates.other";
        } else if (start.getMonth() != end.getMonth()) {
            key = "dates.sameYear";
        } else {
            key = start.plusDays(1).equals(end) ? "dates.twoDays" : "dates.sameMonth";
        }
        return t.format(key, "d1", start.getDayOfMonth(), "d2", end.getDayOfMonth(),
                "start", LetterText.date(start), "end", LetterText.date(end));
    }

    private Object[] civilityArguments(Language language, Object... more) {
        Object[] args = new Object[4 + more.length];
        var civility = registration.civility();
        args[0] = "civilityKey";
        args[1] = civility == null ? "none" : civility.name();
        args[2] = "civility";
        args[3] = civility == null ? "" : Messages.label(language, civility);
        System.arraycopy(more, 0, args, 4, more.length);
        return args;
    }

    /** A text of the event in one language, or in the other when that one is missing. */
    private static String text(Bilingual b, Language language) {
        String value = b.in(language);
        return value.isBlank() ? b.in(language == Language.FR ? Language.AR : Language.FR) : value;
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
        for (int i = 0; i < blocks.size(); i++) {
            // a heading stays with what follows it
            float needed = blocks.get(i).height();
            for (int j = i; j + 1 < blocks.size() && blocks.get(j).keepWithNext(); j++) {
                needed += blocks.get(j + 1).contentHeight();
            }
            if (!page.isEmpty() && y - needed < CONTENT_BOTTOM) {
                pages.add(page);
                page = new ArrayList<>();
                y = CONTENT_TOP - continuationHeight();
            }
            page.add(new Placed(blocks.get(i), y));
            y -= blocks.get(i).height();
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
                new Cell(X_FR, List.of(set(fr.format("continuation", "reference", letter.reference()),
                        FR_SMALL, COLUMN)), 0),
                new Cell(X_AR, List.of(set(ar.format("continuation", "reference", letter.reference()),
                        AR_SMALL, COLUMN)), 0)),
                14, false, Decoration.RULE);
    }

    private void footer(List<Mark> marks, int pageNumber, int pages, QrCode qr) {
        float top = MARGIN_BOTTOM + FOOTER_HEIGHT;
        marks.add(new Mark.Rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top, 0.5f, RULE_GRAY));
        float qrTop = top - (FOOTER_HEIGHT - QR_SIZE) / 2;
        marks.add(new Mark.Qr(qr, PAGE_WIDTH / 2 - QR_SIZE / 2, qrTop - QR_SIZE, QR_SIZE));
        List<Paragraph> left = new ArrayList<>();
        List<Paragraph> right = new ArrayList<>();
        left.add(set(fr.format("footer.verify"), FR_SMALL, FOOTER_CAPTION));
        right.add(set(ar.format("footer.verify"), AR_SMALL, FOOTER_CAPTION));
        left.add(set(fr.format("footer.reference", "reference", letter.reference(), "version", letter.version()),
                FR_SMALL, FOOTER_CAPTION));
        right.add(set(ar.format("footer.reference", "reference", letter.reference(), "version", letter.version()),
                AR_SMALL, FOOTER_CAPTION));
        if (registration.category() != null) {
            left.add(set(fr.format("footer.category", "category",
                    Messages.label(Language.FR, registration.category())), FR_SMALL, FOOTER_CAPTION));
            right.add(set(ar.format("footer.category", "category",
                    Messages.label(Language.AR, registration.category())), AR_SMALL, FOOTER_CAPTION));
        }
        if (pages > 1) {
            left.add(set(fr.format("footer.page", "page", pageNumber, "pages", pages), FR_SMALL, FOOTER_CAPTION));
            right.add(set(ar.format("footer.page", "page", pageNumber, "pages", pages), AR_SMALL, FOOTER_CAPTION));
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
                    marks.add(new Mark.Text(p, cell.x(), y));
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
