package io.convoc.api.registrations;

import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.convoc.core.notifications.NoticeResend;
import io.convoc.core.ports.NotificationRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

@Factory
public class NoticeResendFactory {

    /**
     * The queues are built here rather than offered as a bean: in the local run every function shares one class path,
     * and on-registration offers the notice queues already (as for {@code SelfRegistrationFactory}).
     */
    @Singleton
    NoticeResend noticeResend(NotificationRepository notifications, SqsClient sqs, NoticeMessages messages,
                              @Value("${EMAIL_QUEUE_URL}") String emailQueue, @Value("${SMS_QUEUE_URL}") String smsQueue,
                              Clock clock) {
        return new NoticeResend(notifications, new SqsNoticeQueues(sqs, messages, emailQueue, smsQueue), clock);
    }
}
