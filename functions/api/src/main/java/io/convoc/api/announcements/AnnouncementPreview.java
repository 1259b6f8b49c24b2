package io.convoc.api.announcements;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.SendingRate;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.email.ComposedEmail;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.sms.SmsComposer;
import io.convoc.notices.sms.SmsNotice;
import io.convoc.notices.sms.SmsText;
import io.convoc.notices.sms.SmsTooLong;
import io.convoc.notices.UnsendableNotice;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an announcement will send, before it is sent: the e-mail and the SMS as a sample recipient reads them in each
 * language, and over the whole audience how many each channel reaches, how many are left out (suppressed or opted
 * out), what the SMS cost in parts, and how long the send takes at the providers' rates. Every recipient's SMS is
 * written as it will be (its links as long as the real short links), so the parts are the ones billed.
 */
public final class AnnouncementPreview {
    /** A short link as the senders write it: the base, {@code /l/} and an 8-character code. */
    static final String SHORT_CODE = "AbCdEfGh";

    private final ProgrammeRepository programmes;
    private final AnnouncementRecipients recipients;
    private final SuppressionList suppressions;
    private final EmailComposer emails;
    private final SmsComposer sms;
    private final SendingRate.PerSecond rates;

    public AnnouncementPreview(ProgrammeRepository programmes, AnnouncementRecipients recipients,
                               SuppressionList suppressions, EmailComposer emails, SmsComposer sms,
                               SendingRate.PerSecond rates) {
        this.programmes = programmes;
        this.recipients = recipients;
        this.suppressions = suppressions;
        this.emails = emails;
        this.sms = sms;
        this.rates = rates;
    }

    @Serdeable
    public record View(String announcement, @Nullable Sample sample, Map<String, EmailView> email,
                       Map<String, SmsView> sms, Reach recipients, SmsCost smsParts, Duration duration) {
    }

    /** Who the sample texts are written for. */
    @Serdeable
    public record Sample(String registrationId, String name) {
    }

    @Serdeable
    public record EmailView(String subject, String text, String html) {
    }

    @Serdeable
    public record SmsView(String text, int characters, String encoding, int parts) {
    }

    /**
     * @param total      registrations in the audience
     * @param email      e-mails to send (addresses not suppressed)
     * @param sms        SMS messages to send (one per language a person reads, numbers not suppressed)
     * @param suppressed left out, by channel
     * @param tooLong    SMS messages over the parts limit (they would fail)
     */
    @Serdeable
    public record Reach(long total, long email, long sms, Map<String, Long> suppressed, long tooLong) {
    }

    @Serdeable
    public record SmsCost(long fr, long ar, long total) {
    }

    /** How long the send takes at the rates: the slower channel decides (they send side by side). */
    @Serdeable
    public record Duration(long seconds, int emailsPerSecond, int smsPartsPerSecond) {
    }

    /**
     * @param shortLinkBase the base of the short links SMS carry (https://…, no trailing slash)
     */
    public View of(Announcement a, String shortLinkBase) {
        Programme programme = programmes.find(a.eventId()).orElseThrow(() -> new UnknownEvent(a.eventId()));
        URI shortLink = URI.create(shortLinkBase.replaceAll("/+$", "") + "/l/" + SHORT_CODE);
        long[] total = new long[1];
        long[] emailCount = new long[1];
        long[] smsCount = new long[1];
        long[] tooLong = new long[1];
        Map<Channel, Long> suppressed = new EnumMap<>(Channel.class);
        Map<Language, Long> parts = new EnumMap<>(Language.class);
        Registration[] sample = new Registration[1];
        recipients.forEachPage(a.eventId(), a.audience(), page -> {
            total[0] += page.size();
            List<AnnouncementRecipients.Delivery> deliveries = page.stream()
                    .flatMap(r -> AnnouncementRecipients.deliveries(a, r).stream()).toList();
            Map<String, String> left = suppressions.reasonsFor(deliveries.stream()
                    .map(AnnouncementRecipients.Delivery::destination).distinct().toList(), NoticeKind.ANNOUNCEMENT);
            for (Registration r : page) {
                if (sample[0] == null) {
                    sample[0] = r;
                }
                List<AnnouncementRecipients.Delivery> own = AnnouncementRecipients.deliveries(a, r);
                for (AnnouncementRecipients.Delivery d : own) {
                    if (left.containsKey(d.destination())) {
                        suppressed.merge(d.channel(), 1L, Long::sum);
                    } else if (d.channel() == Channel.EMAIL) {
                        emailCount[0]++;
                    }
                }
                boolean smsSuppressed = r.mobileNumber().map(left::containsKey).orElse(true);
                if (a.channels().contains(Channel.SMS) && !smsSuppressed) {
                    for (SmsText text : smsOf(a, programme, r, shortLink, tooLong)) {
                        smsCount[0]++;
                        parts.merge(text.language(), (long) text.count().parts(), Long::sum);
                    }
                }
            }
        });
        Map<String, EmailView> email = new LinkedHashMap<>();
        Map<String, SmsView> smsViews = new LinkedHashMap<>();
        if (sample[0] != null) {
            for (Language language : Language.all()) {
                Registration reader = readerOf(sample[0], language);
                AnnouncementNotice notice = new AnnouncementNotice(programme, reader, a);
                if (a.channels().contains(Channel.EMAIL)) {
                    ComposedEmail composed = emails.compose(notice, shortLink, reader.currentLetter().isPresent()
                            ? shortLink : null);
                    email.put(language.tag(), new EmailView(composed.subject(), composed.text(), composed.html()));
                }
                if (a.channels().contains(Channel.SMS)) {
                    List<SmsText> texts = smsOf(a, programme, reader, shortLink, new long[1]);
                    texts.forEach(t -> smsViews.put(language.tag(), new SmsView(t.text(),
                            t.text().codePointCount(0, t.text().length()), t.count().encoding().name(),
                            t.count().parts())));
                }
            }
        }
        long fr = parts.getOrDefault(Language.FR, 0L);
        long ar = parts.getOrDefault(Language.AR, 0L);
        Map<String, Long> left = new LinkedHashMap<>();
        left.put("email", suppressed.getOrDefault(Channel.EMAIL, 0L));
        left.put("sms", suppressed.getOrDefault(Channel.SMS, 0L));
        int emailRate = rates.perSecond(Channel.EMAIL);
        int smsRate = rates.perSecond(Channel.SMS);
        long seconds = Math.max(seconds(emailCount[0], emailRate), seconds(fr + ar, smsRate));
        return new View(a.id(), sample[0] == null ? null : new Sample(sample[0].id(), sample[0].name().latinOrArabic()),
                email, smsViews, new Reach(total[0], emailCount[0], smsCount[0], left, tooLong[0]),
                new SmsCost(fr, ar, fr + ar), new Duration(seconds, emailRate, smsRate));
    }

    /** The SMS messages of one recipient; one that is too long still counts its parts (it would fail). */
    private List<SmsText> smsOf(Announcement a, Programme programme, Registration r, URI shortLink, long[] tooLong) {
        AnnouncementNotice notice = new AnnouncementNotice(programme, r, a);
        try {
            SmsNotice written = sms.compose(notice, r.currentLetter().isPresent() ? shortLink : null, shortLink);
            return written.messages();
        } catch (SmsTooLong e) {
            tooLong[0] += e.messages().size();
            return e.messages();
        } catch (UnsendableNotice e) {
            tooLong[0]++;
            return List.of();
        }
    }

    /** The sample recipient as a reader of one language only, to show each language's text on its own. */
    private static Registration readerOf(Registration r, Language language) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), r.region(), r.email(), r.mobile(),
                language == Language.AR ? LanguagePreference.AR : LanguagePreference.FR, r.workshops(), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt(), r.scheduleChange());
    }

    private static long seconds(long units, int perSecond) {
        return perSecond <= 0 ? 0 : (units + perSecond - 1) / perSecond;
    }
}
