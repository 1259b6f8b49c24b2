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

    /** Ten messages a request (SQS's batch limit); an entry SQS refuses is sent again on its own, once. */
    @Override
    public void enqueueAll(Channel channel, java.util.List<NoticeMessage> all) {
        for (int from = 0; from < all.size(); from += 10) {
            java.util.List<NoticeMessage> batch = all.subList(from, Math.min(all.size(), from + 10));
            java.util.List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> entries =
                    new java.util.ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).messageBody(messages.write(batch.get(i))).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrls.get(channel)).entries(entries));
            for (var failed : response.failed()) {
                enqueue(channel, batch.get(Integer.parseInt(failed.id())));
            }
        }
    }
}
