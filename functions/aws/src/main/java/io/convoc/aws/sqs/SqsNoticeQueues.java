package io.convoc.aws.sqs;

import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeMessage;
import io.convoc.core.ports.NoticeQueues;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** The e-mail and SMS queues. A message is {@code {"registrationId":…,"notificationId":…}}. */
public final class SqsNoticeQueues implements NoticeQueues {
    private final SqsClient sqs;
    private final Map<Channel, String> queueUrls;
    private final NoticeMessages messages;

    public SqsNoticeQueues(SqsClient sqs, NoticeMessages messages, String emailQueueUrl, String smsQueueUrl) {
        this.sqs = sqs;
        this.messages = messages;
        this.queueUrls = Map.of(Channel.EMAIL, emailQueueUrl, Channel.SMS, smsQueueUrl);
    }

    @Override
    public void enqueue(Channel channel, NoticeMessage message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrls.get(channel)).messageBody(messages.write(message)));
    }
}
