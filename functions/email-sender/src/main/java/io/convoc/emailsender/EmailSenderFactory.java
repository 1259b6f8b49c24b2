package io.convoc.emailsender;

import io.convoc.aws.sqs.NoticeDispatch;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.notifications.NoticeSender;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SendingRate;
import io.convoc.core.ports.SuppressionList;
import io.convoc.notices.NoticeContents;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.EmailSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/** The e-mail sender's parts, configured from the function's environment. */
@Factory
public class EmailSenderFactory {

    @Singleton
    EmailComposer emailComposer(@Value("${EMAIL_FROM}") String from, @Value("${EMAIL_REPLY_TO}") String replyTo)
            throws AddressException {
        InternetAddress sender = new InternetAddress(from, true);
        EmailSettings.Builder settings = EmailSettings.builder().from(sender.getAddress(), sender.getPersonal());
        if (!replyTo.isBlank()) {
            settings.replyTo(replyTo);
        }
        return new EmailComposer(settings.build());
    }

    @Singleton
    @Named("email")
    NoticeSender emailSender(NotificationRepository notifications, RegistrationRepository registrations,
                             ProgrammeRepository programmes, ProgrammeChangeLog changes, SuppressionList suppressions,
                             AnnouncementRepository announcements, SesV2Client ses, EmailComposer composer, LetterArchive letters, LetterTokens tokens,
                             @Value("${PUBLIC_API_URL}") String publicApiUrl,
                             @Value("${SES_CONFIGURATION_SET}") String configurationSet,
                             @Value("${NOTICE_LEASE_SECONDS:60}") int leaseSeconds, DeliveryFeedback feedback,
                             SendingRate rate, Clock clock) {
        return new NoticeSender(notifications, registrations, programmes, suppressions,
                new SesEmailDeliverer(ses, new NoticeContents(changes, announcements), composer, letters, tokens,
                        publicApiUrl, configurationSet, clock), clock, Duration.ofSeconds(leaseSeconds))
                // SES reports that overtook the send (kept by the delivery-feedback function) applied at markSent
                .applyingEarlyReports(feedback)
                // an announcement cancelled meanwhile: its notices not yet handed to SES end CANCELLED
                .withdrawingCancelled(announcements)
                // the SES account's send rate, shared by every instance (EMAIL_RATE_PER_SECOND)
                .limitedBy(rate);
    }

    @Singleton
    @Named("email")
    NoticeDispatch emailDispatch(NoticeMessages messages, SqsClient sqs, @Value("${EMAIL_QUEUE_URL}") String queueUrl,
                                 @Value("${MAX_RECEIVE_COUNT}") int maxReceiveCount,
                                 @Value("${NOTICE_RETRY_BASE_SECONDS:10}") int retryBaseSeconds) {
        return new NoticeDispatch(messages, sqs, queueUrl, maxReceiveCount, retryBaseSeconds);
    }
}
