package io.convoc.api.invitations;

import io.convoc.core.invitations.SelfRegistration;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.RateLimiter;
import io.convoc.core.registration.RegistrationService;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import software.amazon.awssdk.services.sqs.SqsClient;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
public class SelfRegistrationFactory {

    /**
     * The queues are built here rather than offered as a bean: in the local run every function shares one class path,
     * and on-registration offers the notice queues already.
     */
    @Singleton
    SelfRegistration selfRegistration(RegistrationService registrations, InvitationCodeRepository codes,
                                      RateLimiter limiter, NotificationRepository notifications, SqsClient sqs,
                                      NoticeMessages messages, @Value("${EMAIL_QUEUE_URL}") String emailQueue,
                                      @Value("${SMS_QUEUE_URL}") String smsQueue, Clock clock) {
        NoticeQueues queues = new SqsNoticeQueues(sqs, messages, emailQueue, smsQueue);
        return new SelfRegistration(registrations, codes, limiter, notifications, queues, clock);
    }
}
