package io.convoc.aws.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.core.notifications.NoticeMessage;
import io.convoc.core.notifications.NoticeSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A notice queue's batch → one send per message. A retryable failure is reported back (the message comes
 * again) after pushing its next attempt out exponentially; on the queue's last attempt the notice is marked
 * FAILED with the last error, and the message goes on to the dead-letter queue, where an alarm watches.
 */
public final class NoticeDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatch.class);
    private final NoticeMessages messages;
    private final SqsClient sqs;
    private final String queueUrl;
    private final int maxReceiveCount;
    private final int retryBaseSeconds;

    public NoticeDispatch(NoticeMessages messages, SqsClient sqs, String queueUrl, int maxReceiveCount,
                          int retryBaseSeconds) {
        this.messages = messages;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxReceiveCount = maxReceiveCount;
        this.retryBaseSeconds = retryBaseSeconds;
    }

    public SQSBatchResponse handle(SQSEvent event, NoticeSender sender) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> readable = new ArrayList<>();
        List<NoticeMessage> notices = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                notices.add(messages.read(message.getBody()));
                readable.add(message);
            } catch (IllegalArgumentException poison) {
                LOG.atError()
                        .addKeyValue("messageId", message.getMessageId())
                        .addKeyValue("outcome", "UNREADABLE")
                        .log("unreadable notice message {} left for the dead-letter queue: {}",
                                message.getMessageId(), poison.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        // the batch's reads together, each notice's writes its own
        List<NoticeSender.Outcome> outcomes = notices.isEmpty() ? List.of() : sender.sendAll(notices);
        for (int i = 0; i < readable.size(); i++) {
            SQSEvent.SQSMessage message = readable.get(i);
            NoticeMessage notice = notices.get(i);
            NoticeSender.Outcome outcome = outcomes.get(i);
            int receives = receiveCount(message);
            LOG.atInfo()
                    .addKeyValue("registrationId", notice.registrationId())
                    .addKeyValue("noticeId", notice.notificationId())
                    .addKeyValue("attempt", receives)
                    .addKeyValue("outcome", outcome.name())
                    .log("notice {} (attempt {}): {}", notice.notificationId(), receives, outcome);
            io.convoc.aws.metrics.Measurements.count("NoticeOutcomes", dimensions(notice, outcome.name()));
            if (outcome == NoticeSender.Outcome.UNKNOWN) {
                // the line the UnknownNotices metric counts (template.yaml)
                LOG.atWarn()
                        .addKeyValue("registrationId", notice.registrationId())
                        .addKeyValue("noticeId", notice.notificationId())
                        .addKeyValue("outcome", "UNKNOWN")
                        .log("notice {} left UNKNOWN: its provider was called and the answer lost, for a person to look at",
                                notice.notificationId());
            }
            if (outcome == NoticeSender.Outcome.IN_FLIGHT) {
                // kept, to check once the other attempt is through (it may put the notice back to QUEUED)
                backOff(message, receives);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            if (outcome != NoticeSender.Outcome.RETRY) {
                continue;
            }
            if (receives >= maxReceiveCount) {
                sender.giveUp(notice);
                io.convoc.aws.metrics.Measurements.count("NoticeOutcomes", dimensions(notice, "FAILED"));
            } else {
                backOff(message, receives);
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * A notice's metric dimensions: its kind and channel, read from its id ({@code KIND#CHANNEL[-LANG]#v…}), and what
     * the attempt came to.
     */
    static Map<String, String> dimensions(NoticeMessage notice, String outcome) {
        String[] parts = notice.notificationId().split("#", 3);
        String channel = parts.length > 1 ? parts[1].replaceAll("-.*", "") : "UNKNOWN";
        return Map.of("Kind", parts[0], "Channel", channel, "Outcome", outcome);
    }

    private void backOff(SQSEvent.SQSMessage message, int receives) {
        if (retryBaseSeconds <= 0) {
            return; // the queue's own visibility timeout decides
        }
        int delay = retryDelaySeconds(receives, retryBaseSeconds);
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout(delay));
        } catch (RuntimeException e) {
            LOG.warn("could not delay the next attempt of {}: {}", message.getMessageId(), e.toString());
        }
    }

    /** The wait before attempt {@code receives + 1}: the base, doubled each attempt, at most 15 minutes. */
    static int retryDelaySeconds(int receives, int baseSeconds) {
        return (int) Math.min(MAX_DELAY_SECONDS, (long) baseSeconds << Math.min(Math.max(receives, 1) - 1, 20));
    }

    static final int MAX_DELAY_SECONDS = 900;

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
