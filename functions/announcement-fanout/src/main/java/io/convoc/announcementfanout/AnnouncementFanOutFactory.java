package io.convoc.announcementfanout;

import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.convoc.core.announcements.AnnouncementDispatcher;
import io.convoc.core.announcements.AnnouncementFanOut;
import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.SuppressionList;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** The fan-out's and the dispatcher's parts, configured from the functions' environment. */
@Factory
public class AnnouncementFanOutFactory {

    @Singleton
    AnnouncementFanOut announcementFanOut(AnnouncementRepository announcements, AnnouncementRecipients recipients,
                                          NotificationRepository notifications, SuppressionList suppressions,
                                          SqsClient sqs, NoticeMessages messages, AnnouncementQueue continuations,
                                          @Value("${EMAIL_QUEUE_URL}") String emailQueueUrl,
                                          @Value("${SMS_QUEUE_URL}") String smsQueueUrl, Clock clock) {
        // the notice queues are built here rather than injected: the local run shares one class path between
        // functions, and another function's factory offers a NoticeQueues bean too
        return new AnnouncementFanOut(announcements, recipients, notifications, suppressions,
                new SqsNoticeQueues(sqs, messages, emailQueueUrl, smsQueueUrl), continuations, clock);
    }

    @Singleton
    AnnouncementDispatcher announcementDispatcher(AnnouncementRepository announcements, AnnouncementQueue queue,
                                                  Clock clock) {
        return new AnnouncementDispatcher(announcements, queue, clock);
    }
}
