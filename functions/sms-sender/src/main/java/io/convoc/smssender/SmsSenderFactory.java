package io.convoc.smssender;

import io.convoc.aws.sqs.NoticeDispatch;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.NoticeSender;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.ShortLinks;
import io.convoc.core.ports.SuppressionList;
import io.convoc.notices.NoticeContents;
import io.convoc.notices.sms.SmsComposer;
import io.convoc.notices.sms.SmsSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import io.convoc.core.ports.SendingRate;

/** The SMS sender's parts, configured from the function's environment. */
@Factory
public class SmsSenderFactory {

    @Singleton
    @Named("sms")
    NoticeSender smsSender(NotificationRepository notifications, RegistrationRepository registrations,
                           ProgrammeRepository programmes, ProgrammeChangeLog changes, SuppressionList suppressions,
                           AnnouncementRepository announcements, SnsClient sns,
                           LetterTokens tokens, ShortLinks shortLinks, @Value("${PUBLIC_API_URL}") String publicApiUrl,
                           @Value("${SHORT_LINK_BASE_URL:}") String shortLinkBaseUrl,
                           @Value("${SMS_SENDER_ID}") String senderId,
                           @Value("${SMS_GSM_SAFE_FRENCH}") boolean gsmSafeFrench,
                           @Value("${SMS_MAX_PARTS}") int maxParts,
                           @Value("${NOTICE_LEASE_SECONDS:60}") int leaseSeconds, SendingRate rate, Clock clock) {
        SmsComposer composer = new SmsComposer(new SmsSettings(gsmSafeFrench, maxParts));
        return new NoticeSender(notifications, registrations, programmes, suppressions,
                new SnsSmsDeliverer(sns, new NoticeContents(changes, announcements), composer, tokens, shortLinks, publicApiUrl,
                        shortLinkBaseUrl.isBlank() ? publicApiUrl : shortLinkBaseUrl, senderId, clock),
                clock, Duration.ofSeconds(leaseSeconds))
                // a cancelled announcement's SMS not handed to SNS yet ends CANCELLED, never sent
                .withdrawingCancelled(announcements)
                // SMS parts per second, shared by every instance (SMS_PARTS_PER_SECOND)
                .limitedBy(rate);
    }

    @Singleton
    @Named("sms")
    NoticeDispatch smsDispatch(NoticeMessages messages, SqsClient sqs, @Value("${SMS_QUEUE_URL}") String queueUrl,
                               @Value("${MAX_RECEIVE_COUNT}") int maxReceiveCount,
                               @Value("${NOTICE_RETRY_BASE_SECONDS:10}") int retryBaseSeconds) {
        return new NoticeDispatch(messages, sqs, queueUrl, maxReceiveCount, retryBaseSeconds);
    }
}
