package io.convoc.notices.sms;

import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeDates;
import io.convoc.notices.NoticeText;
import io.convoc.notices.PlainValues;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes the SMS of a notice: event, dates, place and the link to the letter, from the bundle ({@code sms.*}).
 *
 * <p>A person who reads both languages gets two messages, one per language, rather than one bilingual message:
 * a single Arabic letter makes a whole SMS UCS-2, so a bilingual message would also pay the French at 67
 * characters a part instead of 153 (the Assises' confirmation: 5 parts as two messages, 6 as one), and each
 * message then reads in one direction, which phones display far better than mixed lines.
 *
 * <p>The full wording is used when the notice fits in {@link SmsSettings#maxParts()}, else the short one, else the
 * notice is refused ({@link SmsTooLong}). Thread-safe.
 */
public final class SmsComposer {
    private final SmsSettings settings;

    public SmsComposer() {
        this(SmsSettings.DEFAULTS);
    }

    public SmsComposer(SmsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param letterLink where the invitee finds their letter: an absolute http(s) URL, as short as the caller can make it
     * @throws SmsTooLong when even the short wording needs more than {@link SmsSettings#maxParts()} parts
     */
    public SmsNotice compose(Notice notice, URI letterLink) {
        Objects.requireNonNull(notice, "notice");
        String link = checkedLink(letterLink);
        SmsNotice fitted = null;
        for (SmsWording wording : SmsWording.values()) {
            fitted = new SmsNotice(notice.registration().languages().languages().stream()
                    .map(l -> message(notice, l, wording, link)).toList(), wording);
            if (fitted.totalParts() <= settings.maxParts()) {
                return fitted;
            }
        }
        throw new SmsTooLong("the SMS of registration " + notice.registration().id() + " takes "
                + fitted.totalParts() + " parts even in its short wording (" + describe(fitted.messages())
                + "), more than the maximum of " + settings.maxParts(), fitted.totalParts(), settings.maxParts());
    }

    private SmsText message(Notice notice, Language language, SmsWording wording, String link) {
        Event event = notice.programme().event();
        String city = PlainValues.in(event.city(), language);
        String venue = PlainValues.in(event.venue(), language);
        String place = (wording == SmsWording.SHORT && !city.isEmpty()) || venue.isEmpty() ? city : venue;
        String text = NoticeText.of(language).get("sms." + notice.kind().key() + "." + wording.key(),
                PlainValues.in(event.name(), language),
                NoticeDates.of(language).range(event.startDate(), event.endDate()),
                place, link);
        if (language == Language.FR && settings.gsmSafeFrench()) {
            // folding only pays when it makes the whole text GSM; otherwise keep the accents, the price is the same
            String folded = GsmSafeFrench.fold(text);
            if (GsmAlphabet.canEncode(folded)) {
                text = folded;
            }
        }
        return new SmsText(language, text, SmsCount.of(text));
    }

    private static String checkedLink(URI link) {
        Objects.requireNonNull(link, "letterLink");
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!link.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || link.getHost() == null) {
            throw new IllegalArgumentException("the letter link must be an absolute http(s) URL: " + link);
        }
        return link.toASCIIString();
    }

    private static String describe(List<SmsText> messages) {
        return messages.stream()
                .map(m -> m.language().tag() + ": " + m.count().parts() + " × " + m.count().encoding())
                .collect(Collectors.joining(", "));
    }
}
