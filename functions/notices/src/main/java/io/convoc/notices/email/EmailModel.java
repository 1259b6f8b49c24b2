package io.convoc.notices.email;

import io.convoc.core.announcements.MessageTemplate;
import io.convoc.core.announcements.Placeholder;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.programme.ChangeKind;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.AnnouncementValues;
import io.convoc.notices.Languages;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeDates;
import io.convoc.notices.NoticeText;
import io.convoc.notices.PlainValues;
import io.convoc.notices.ScheduleChange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the email templates are given. Every value is already one clean line (see {@link PlainValues}) and every
 * date already formatted; the templates add the words (bundle messages) and the structure.
 */
final class EmailModel {
    /** The variable the message resolver reads to know which language a part of a template is written in. */
    static final String LANGUAGE_VARIABLE = "lang";

    private EmailModel() {
    }

    /**
     * One language's part of the email. Records are read by the templates (OGNL reads record components).
     *
     * @param change       what a schedule change changed, in this language; null for other kinds
     * @param announcement the organizers' text in this language, for this person; null for other kinds
     */
    record Section(Language language, String tag, String dir, boolean rightToLeft,
                   String greetingKey, String name, String eventName, String theme, String dates, String venue,
                   List<Day> days, List<String> practical, List<String> organizers, Change change,
                   Message announcement) {
    }

    /**
     * An announcement in one language, its placeholders filled in.
     *
     * @param subject    one line
     * @param paragraphs the text's paragraphs (split at blank lines), for the HTML part
     * @param text       the text with its line breaks, for the plain-text part
     */
    record Message(String subject, List<Paragraph> paragraphs, String text) {
    }

    /** Lines of a paragraph, written with line breaks between them. */
    record Paragraph(List<TextLine> lines) {
    }

    record TextLine(List<Segment> segments) {
    }

    /** A piece of a line: text, or a link ({@code link} not null) that shows its own address. */
    record Segment(String text, String link) {
    }

    /**
     * The session a schedule change is about.
     *
     * @param stateKey    the sentence that says what happened to it (cancelled, added, reinstated or modified)
     * @param details     when and where it was (cancelled) or will be (added, reinstated); empty when modified
     * @param differences what moved, before and after; empty unless modified
     */
    record Change(String sessionKey, String session, String stateKey, List<Detail> details,
                  List<Difference> differences) {
    }

    /** @param labelKey e.g. the key of "Date et horaire" */
    record Detail(String labelKey, String value) {
    }

    record Difference(String labelKey, String before, String after) {
    }

    record Day(String label, List<Line> sessions) {
    }

    /** @param titleKey the bundle key that words the title for the session's kind, e.g. "Atelier : {0}" */
    record Line(String time, String titleKey, String title, String room) {
    }

    /** The line at the top that tells a reader of the second language that their text follows. */
    record Pointer(Language language, String tag, String dir) {
    }

    /** @param link the download link when the letter is not attached */
    record Letter(String reference, boolean attached, String link, String fileName) {
    }

    static Map<String, Object> variables(Notice notice, String subject, Letter letter, boolean canReply) {
        return variables(notice, null, subject, letter, null, canReply);
    }

    /**
     * @param unsubscribe the link that stops announcements to this address (written in each section's footer)
     */
    static Map<String, Object> variables(AnnouncementNotice notice, AnnouncementValues values, String subject,
                                         String unsubscribe, boolean canReply) {
        return variables(notice, values, subject, null, unsubscribe, canReply);
    }

    private static Map<String, Object> variables(Notice notice, AnnouncementValues values, String subject,
                                                 Letter letter, String unsubscribe, boolean canReply) {
        List<Language> languages = languages(notice);
        List<Section> sections = languages.stream().map(l -> section(notice, values, l)).toList();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("subject", subject);
        vars.put("kind", notice.kind().key());
        vars.put("sections", sections);
        vars.put("first", sections.get(0));
        vars.put("pointer", pointer(languages.get(1)));
        vars.put("letter", letter);
        vars.put("canReply", canReply);
        vars.put("unsubscribe", unsubscribe);
        return vars;
    }

    /** Every email is in both languages, the person's preferred one first. */
    static List<Language> languages(Notice notice) {
        return Languages.preferredFirst(notice.registration().languages());
    }

    /** The subject in both languages, preferred first: "Confirmation d’inscription – … | تأكيد التسجيل – …". */
    static String subject(Notice notice) {
        List<String> parts = languages(notice).stream()
                .map(l -> NoticeText.of(l).get("email." + notice.kind().key() + ".subject",
                        PlainValues.in(notice.programme().event().name(), l)))
                .toList();
        return PlainValues.oneLine(NoticeText.of(Language.FR).get("email.subject.join", parts.get(0), parts.get(1)));
    }

    /** An announcement's subject in both languages, preferred first, with the person's values: "… | …". */
    static String subject(AnnouncementNotice notice, AnnouncementValues values) {
        List<String> parts = languages(notice).stream()
                .map(l -> PlainValues.oneLine(render(notice.announcement().subject(), l, values, false)))
                .toList();
        return PlainValues.oneLine(NoticeText.of(Language.FR).get("email.subject.join", parts.get(0), parts.get(1)));
    }

    // where the letter's link goes in a rendered text, to be made a link: a private-use character, taken out of the
    // organizers' text and of every value first, so that only the placeholder can put it there
    private static final String LINK_MARK = "\uE000";

    /** The text in {@code language} with the person's values; with {@code markLink}, the letter link as LINK_MARK. */
    private static String render(Bilingual text, Language language, AnnouncementValues values, boolean markLink) {
        return MessageTemplate.of(text.in(language).replace(LINK_MARK, "")).render(p -> {
            String value = values.value(p, language).replace(LINK_MARK, "");
            return markLink && p == Placeholder.LETTER_LINK && !value.isEmpty() ? LINK_MARK : value;
        });
    }

    private static Message message(AnnouncementNotice notice, AnnouncementValues values, Language language) {
        String link = values.value(Placeholder.LETTER_LINK, language);
        String marked = render(notice.announcement().body(), language, values, true);
        List<Paragraph> paragraphs = new ArrayList<>();
        List<TextLine> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String raw : marked.split("\\R", -1)) {
            // one line as written, its controls and bidi overrides taken out (PlainValues), the link kept as its mark
            String line = PlainValues.oneLine(raw);
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    paragraphs.add(new Paragraph(List.copyOf(lines)));
                    lines.clear();
                    text.append('\n');
                }
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            String[] pieces = line.split(LINK_MARK, -1);
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    segments.add(new Segment(link, link));
                }
                if (!pieces[i].isEmpty()) {
                    segments.add(new Segment(pieces[i], null));
                }
            }
            lines.add(new TextLine(List.copyOf(segments)));
            text.append(line.replace(LINK_MARK, link)).append('\n');
        }
        if (!lines.isEmpty()) {
            paragraphs.add(new Paragraph(List.copyOf(lines)));
        }
        return new Message(PlainValues.oneLine(render(notice.announcement().subject(), language, values, false)),
                List.copyOf(paragraphs), text.toString().strip());
    }

    /** The name the person is addressed by in {@code language}: their Arabic name in Arabic when they gave one. */
    static String name(PersonName name, Language language) {
        return PlainValues.oneLine(language == Language.AR ? name.arabicOrLatin() : name.latinOrArabic());
    }

    private static Pointer pointer(Language language) {
        return new Pointer(language, language.tag(), dir(language));
    }

    private static Section section(Notice notice, AnnouncementValues values, Language language) {
        Registration registration = notice.registration();
        Event event = notice.programme().event();
        NoticeDates dates = NoticeDates.of(language);
        String venue = PlainValues.in(event.venue(), language);
        return new Section(language, language.tag(), dir(language), language.rightToLeft(),
                "email.greeting." + (registration.civility() == null ? "none" : registration.civility().name()),
                name(registration.name(), language),
                PlainValues.in(event.name(), language),
                PlainValues.in(event.theme(), language),
                dates.range(event.startDate(), event.endDate()),
                venue.isEmpty() ? PlainValues.in(event.city(), language) : venue,
                days(notice.programme().attendedBy(registration.workshops()), language, dates),
                practical(event, language),
                event.organizers().stream().map(o -> PlainValues.in(o, language)).filter(s -> !s.isEmpty()).toList(),
                notice instanceof ScheduleChange change ? change(change, language, dates) : null,
                notice instanceof AnnouncementNotice announcement ? message(announcement, values, language) : null);
    }

    private static Change change(ScheduleChange change, Language language, NoticeDates dates) {
        ProgrammeSession session = change.session();
        String prefix = "email.schedule-change.";
        List<Detail> details = new ArrayList<>();
        if (change.state().isPresent()) {
            // a cancelled session is told by when and where it was planned, a new one by when and where it will be
            ProgrammeSession told = change.isCancellation() ? change.before().orElse(session) : session;
            details.add(new Detail(prefix + "aspect.TIME", dates.slot(told.start(), told.end())));
            String room = PlainValues.in(told.room(), language);
            if (!room.isEmpty()) {
                details.add(new Detail(prefix + "aspect.ROOM", room));
            }
        }
        List<Difference> differences = new ArrayList<>();
        ProgrammeSession before = change.before().orElse(session);
        for (ChangeKind kind : change.differences()) {
            differences.add(switch (kind) {
                case TIME -> new Difference(prefix + "aspect.TIME", dates.slot(before.start(), before.end()),
                        dates.slot(session.start(), session.end()));
                case ROOM -> new Difference(prefix + "aspect.ROOM", PlainValues.in(before.room(), language),
                        PlainValues.in(session.room(), language));
                case TITLE -> new Difference(prefix + "aspect.TITLE", PlainValues.in(before.title(), language),
                        PlainValues.in(session.title(), language));
                default -> throw new IllegalStateException("not a difference: " + kind);
            });
        }
        return new Change("email.session." + session.kind().name(), PlainValues.in(session.title(), language),
                prefix + "state." + change.state().map(Enum::name).orElse("MODIFIED"), List.copyOf(details),
                List.copyOf(differences));
    }

    private static List<Day> days(List<ProgrammeSession> sessions, Language language, NoticeDates dates) {
        Map<LocalDate, List<Line>> byDay = new LinkedHashMap<>();
        for (ProgrammeSession s : sessions) {
            byDay.computeIfAbsent(s.start().toLocalDate(), d -> new ArrayList<>()).add(new Line(
                    dates.timeRange(s.start(), s.end()),
                    "email.session." + s.kind().name(),
                    PlainValues.in(s.title(), language),
                    PlainValues.in(s.room(), language)));
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, lines) -> days.add(
                new Day(capitalised(dates.dateWithWeekday(day), language), List.copyOf(lines))));
        return days;
    }

    private static List<String> practical(Event event, Language language) {
        if (event.practicalInformation() == null) {
            return List.of();
        }
        String text = event.practicalInformation().in(language);
        return PlainValues.paragraphs(text.isBlank() ? PlainValues.in(event.practicalInformation(), language) : text);
    }

    // a day heading starts with the weekday: "Vendredi 20 décembre 2024" (no case in Arabic)
    private static String capitalised(String s, Language language) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(language.locale()) + s.substring(1);
    }

    private static String dir(Language language) {
        return language.rightToLeft() ? "rtl" : "ltr";
    }
}
