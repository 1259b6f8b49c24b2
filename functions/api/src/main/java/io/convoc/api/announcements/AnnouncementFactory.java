package io.convoc.api.announcements;

import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.announcements.Announcements;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.SendingRate;
import io.convoc.core.ports.SuppressionList;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.EmailSettings;
import io.convoc.notices.sms.SmsComposer;
import io.convoc.notices.sms.SmsSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The announcements service of the API. */
@Factory
public class AnnouncementFactory {

    /**
     * The preview writes the e-mail and the SMS as the senders will. Their composers are built here rather than
     * injected: the local run shares one class path between functions, and the senders' factories offer them too.
     */
    @Singleton
    AnnouncementPreview announcementPreview(ProgrammeRepository programmes, AnnouncementRecipients recipients,
                                            SuppressionList suppressions, SendingRate.PerSecond rates,
                                            @Value("${EMAIL_FROM}") String from,
                                            @Value("${SMS_GSM_SAFE_FRENCH}") boolean gsmSafeFrench,
                                            @Value("${SMS_MAX_PARTS}") int maxParts) throws AddressException {
        InternetAddress sender = new InternetAddress(from, true);
        return new AnnouncementPreview(programmes, recipients, suppressions,
                new EmailComposer(EmailSettings.builder().from(sender.getAddress(), sender.getPersonal()).build()),
                new SmsComposer(new SmsSettings(gsmSafeFrench, maxParts)), rates);
    }

    @Singleton
    Announcements announcements(AnnouncementRepository announcements, ProgrammeRepository programmes,
                                AnnouncementRecipients recipients, AnnouncementQueue queue, Clock clock) {
        return new Announcements(announcements, programmes, recipients, queue, clock);
    }
}
