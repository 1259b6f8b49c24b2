package io.convoc.noticereconciler;

import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.notifications.NoticeReconciler;
import io.convoc.core.ports.NotificationRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** The reconciler's parts, configured from the function's environment. */
@Factory
public class NoticeReconcilerFactory {

    @Singleton
    NoticeReconciler noticeReconciler(NotificationRepository notifications, SqsClient sqs, NoticeMessages messages,
                                      @Value("${EMAIL_QUEUE_URL}") String emailQueueUrl,
                                      @Value("${SMS_QUEUE_URL}") String smsQueueUrl,
                                      @Value("${RECONCILE_BATCH:500}") int batch, DeliveryFeedback feedback,
                                      Clock clock) {
        return new NoticeReconciler(notifications, new SqsNoticeQueues(sqs, messages, emailQueueUrl, smsQueueUrl),
                clock, batch).applyingEarlyReports(feedback);
    }
}
