package io.convoc.notices.sms;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.programme.ChangeKind;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.AnnouncementValues;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeDates;
import io.convoc.notices.NoticeText;
import io.convoc.notices.PlainValues;
import io.convoc.notices.ScheduleChange;
import io.convoc.notices.UnsendableNotice;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes the SMS of a notice from the bundle ({@code sms.<kind>.*}): for a confirmation the event, dates, place and
 * the link to the letter; for a schedule change the session, what changed in it (before and after) and the link to
 * the updated letter.
 *
 * <p>A person who reads both languages gets two messages, one per language, rather than one bilingual message:
 * a single Arabic letter makes a whole SMS UCS-2, so a bilingual message would also pay the French at 67
 * characters a part instead of 153 (the Assises' confirmation: 5 parts as two messages, 6 as one), and each
 * message then reads in one direction, which phones display far better than mixed lines.
 *
 * <p>The full wording is used when the notice fits in {@link SmsSettings#maxParts()}, else the short one, else the
 * notice is refused ({@link SmsTooLong}). A confirmation takes its short wording whenever that costs fewer parts: it is
 * a receipt and a link, and its full wording only adds the venue, which the letter and the e-mail give (with a short
 * link, an Arabic confirmation is then 2 parts rather than 3, a French one 1 rather than 2). A schedule change keeps
 * its full wording while it fits: what changed, before and after, is its message. Only confirmations, schedule
 * changes and announcements have an SMS: any other kind (an "already registered" notice is e-mail only) is refused
 * as {@code unsupported_kind}.
 *
 * <p>An announcement's SMS ({@link #compose(AnnouncementNotice, URI, URI)}) is the organizers' text in each language
 * the person reads, its placeholders filled by {@link AnnouncementValues}, followed by the line that says how to stop
 * announcements ({@code sms.announcement.full}); it has one wording (the organizers' text is not shortened), so over
 * {@link SmsSettings#maxParts()} it is refused. Thread-safe.
 */
public final class SmsComposer {
    private static final EnumSet<NoticeKind> SMS_KINDS = EnumSet.of(NoticeKind.CONFIRMATION, NoticeKind.SCHEDULE_CHANGE,
            NoticeKind.ANNOUNCEMENT);

    private final SmsSettings settings;

    public SmsComposer() {
        this(SmsSettings.DEFAULTS);
    }

    public SmsComposer(SmsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param letterLink where the invitee finds their letter: an absolute http(s) URL, as short as the caller can make it
     * @throws SmsTooLong       when even the short wording needs more than {@link SmsSettings#maxParts()} parts
     * @throws UnsendableNotice {@code unsupported_kind} for a kind that has no SMS (see {@link #writes(NoticeKind)})
     * @throws IllegalArgumentException for an announcement, whose SMS also needs its stop link (the other
     *                                  {@code compose})
     */
    public SmsNotice compose(Notice notice, URI letterLink) {
        Objects.requireNonNull(notice, "notice");
        if (notice instanceof AnnouncementNotice) {
            throw new IllegalArgumentException("an announcement's SMS carries the link that stops announcements: "
                    + "compose(AnnouncementNotice, letterLink, stopLink)");
        }
        if (!writes(notice.kind())) {
            throw new UnsendableNotice("unsupported_kind", "registration " + notice.registration().id() + ": a "
                    + notice.kind() + " notice is sent by e-mail only, it has no SMS");
        }
        String link = checkedLink(letterLink, "letterLink");
        SmsNotice full = wordedAs(notice, SmsWording.FULL, link);
        SmsNotice fitted = wordedAs(notice, SmsWording.SHORT, link);
        boolean shortIsCheaper = notice.kind() == NoticeKind.CONFIRMATION && fitted.totalParts() < full.totalParts();
        if (full.totalParts() <= settings.maxParts() && !shortIsCheaper) {
            return full;
        }
        if (fitted.totalParts() <= settings.maxParts()) {
            return fitted;
        }
        throw new SmsTooLong("the SMS of registration " + notice.registration().id() + " takes "
                + fitted.totalParts() + " parts even in its short wording (" + describe(fitted.messages())
                + "), more than the maximum of " + settings.maxParts(), fitted.totalParts(), settings.maxParts(),
                fitted.messages());
    }

    /**
     * The SMS of an announcement: in each language the person reads (the preferred one first), the organizers' text
     * with this person's values ({@code ((letter_link))} is {@code letterLink}, empty without one), line breaks kept,
     * then the line that stops announcements with {@code stopLink}. French is written GSM-safe as the other SMS.
     *
     * @param letterLink where the person finds their letter (a short link); null when they have none
     * @param stopLink   the page that stops announcements to this number (a short link to the unsubscribe page)
     * @throws SmsTooLong       when all its messages together take more than {@link SmsSettings#maxParts()} parts
     *                          ({@link SmsTooLong#messages()} says how many each)
     * @throws UnsendableNotice {@code no_sms_text} when the announcement has no SMS text in a language the person
     *                          reads
     */
    public SmsNotice compose(AnnouncementNotice notice, URI letterLink, URI stopLink) {
        Objects.requireNonNull(notice, "notice");
        URI letter = letterLink == null ? null : URI.create(checkedLink(letterLink, "letterLink"));
        String stop = checkedLink(stopLink, "stopLink");
        AnnouncementValues values = AnnouncementValues.of(notice, letter);
        Bilingual text = notice.announcement().sms();
        SmsNotice sms = new SmsNotice(notice.registration().languages().languages().stream().map(language -> {
            if (text.in(language).isBlank()) {
                throw new UnsendableNotice("no_sms_text", "announcement " + notice.announcement().id()
                        + " has no SMS text in " + language.tag() + ", which registration "
                        + notice.registration().id() + " reads");
            }
            // the organizers' lines as written, each break one character (a CR LF would cost two)
            String own = values.render(text, language).replaceAll("\\R", "\n").strip();
            return written(language, NoticeText.of(language).get("sms." + NoticeKind.ANNOUNCEMENT.key() + "."
                    + SmsWording.FULL.key(), own, stop));
        }).toList(), SmsWording.FULL);
        if (sms.totalParts() > settings.maxParts()) {
            throw new SmsTooLong("the announcement " + notice.announcement().id() + " SMS of registration "
                    + notice.registration().id() + " takes " + sms.totalParts() + " parts (" + describe(sms.messages())
                    + "), more than the maximum of " + settings.maxParts(), sms.totalParts(), settings.maxParts(),
                    sms.messages());
        }
        return sms;
    }

    private SmsNotice wordedAs(Notice notice, SmsWording wording, String link) {
        return new SmsNotice(notice.registration().languages().languages().stream()
                .map(l -> message(notice, l, wording, link)).toList(), wording);
    }

    /** Whether notices of this kind have an SMS: confirmations and schedule changes do, other kinds are e-mail only. */
    public static boolean writes(NoticeKind kind) {
        return SMS_KINDS.contains(kind);
    }

    private SmsText message(Notice notice, Language language, SmsWording wording, String link) {
        Object[] arguments = notice instanceof ScheduleChange change ? changeArguments(change, language, link)
                : confirmationArguments(notice, language, wording, link);
        return written(language, NoticeText.of(language).get("sms." + notice.kind().key() + "." + wording.key(),
                arguments));
    }

    /** The message as sent: French folded to GSM when that makes it all GSM, and what it costs. */
    private SmsText written(Language language, String text) {
        if (language == Language.FR && settings.gsmSafeFrench()) {
            // folding only pays when it makes the whole text GSM; otherwise keep the accents, the price is the same
            String folded = GsmSafeFrench.fold(text);
            if (GsmAlphabet.canEncode(folded)) {
                text = folded;
            }
        }
        return new SmsText(language, text, SmsCount.of(text));
    }

    // {0} event, {1} dates, {2} venue (short: the city), {3} link
    private static Object[] confirmationArguments(Notice notice, Language language, SmsWording wording, String link) {
        Event event = notice.programme().event();
        String city = PlainValues.in(event.city(), language);
        String venue = PlainValues.in(event.venue(), language);
        String place = (wording == SmsWording.SHORT && !city.isEmpty()) || venue.isEmpty() ? city : venue;
        return new Object[]{PlainValues.in(event.name(), language),
                NoticeDates.of(language).range(event.startDate(), event.endDate()), place, link};
    }

    // {0} event, {1} the session, {2} what changed with before and after, {3} link, {4} what changed in brief
    private static Object[] changeArguments(ScheduleChange change, Language language, String link) {
        NoticeText words = NoticeText.of(language);
        Event event = change.programme().event();
        ProgrammeSession after = change.session();
        List<ChangeKind> kinds = change.state().map(List::of).orElseGet(change::differences);
        return new Object[]{PlainValues.in(event.name(), language),
                words.get("sms.schedule-change.session." + after.kind().name(), PlainValues.in(after.title(), language)),
                joined(words, kinds.stream().map(kind -> what(change, kind, language, event)).toList()),
                link,
                joined(words, kinds.stream().map(kind -> words.get("sms.schedule-change.brief." + kind.name())).toList())};
    }

    // the arguments of each .what wording are listed in the bundle
    private static String what(ScheduleChange change, ChangeKind kind, Language language, Event event) {
        NoticeText words = NoticeText.of(language);
        NoticeDates dates = NoticeDates.of(language);
        ProgrammeSession after = change.session();
        ProgrammeSession before = change.before().orElse(after);
        String key = "sms.schedule-change.what." + kind.name();
        return switch (kind) {
            case CANCELLED -> words.get(key, dates.dayWithWeekday(before.start().toLocalDate()),
                    dates.timeRange(before.start(), before.end()));
            case ADDED, REINSTATED -> words.get(key, dates.dayWithWeekday(after.start().toLocalDate()),
                    dates.timeRange(after.start(), after.end()), room(after, event, language));
            case TIME -> words.get(before.start().toLocalDate().equals(after.start().toLocalDate()) ? key + ".sameDay" : key,
                    dates.dayWithWeekday(before.start().toLocalDate()), dates.timeRange(before.start(), before.end()),
                    dates.dayWithWeekday(after.start().toLocalDate()), dates.timeRange(after.start(), after.end()));
            case ROOM -> words.get(key, room(before, event, language), room(after, event, language));
            case TITLE -> words.get(key, PlainValues.in(before.title(), language));
        };
    }

    private static String joined(NoticeText words, List<String> parts) {
        return parts.stream().reduce((so, far) -> words.get("sms.schedule-change.and", so, far)).orElseThrow();
    }

    private static String room(ProgrammeSession session, Event event, Language language) {
        String room = PlainValues.in(session.room(), language);
        return room.isEmpty() ? PlainValues.in(event.city(), language) : room;
    }

    private static String checkedLink(URI link, String name) {
        Objects.requireNonNull(link, name);
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!link.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || link.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + link);
        }
        return link.toASCIIString();
    }

    private static String describe(List<SmsText> messages) {
        return messages.stream()
                .map(m -> m.language().tag() + ": " + m.count().parts() + " × " + m.count().encoding())
                .collect(Collectors.joining(", "));
    }
}
