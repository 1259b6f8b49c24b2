package io.convoc.aws.sqs;

import io.convoc.core.ports.AnnouncementQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The announcement fan-out's queue: a message {@code {"announcement":n}} asks for the fan-out of announcement n to
 * start or to go on from its saved position. Duplicates are harmless (the position is saved conditionally).
 */
public final class SqsAnnouncementQueue implements AnnouncementQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsAnnouncementQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void fanOut(int announcementNumber) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(announcementNumber)));
    }

    public static String body(int announcementNumber) {
        return "{\"announcement\":" + announcementNumber + "}";
    }

    /** @throws IllegalArgumentException for a body that is not a fan-out request (left for the dead-letter queue) */
    public static int read(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*\\{\\s*\"announcement\"\\s*:\\s*(\\d{1,9})\\s*}\\s*")
                .matcher(body == null ? "" : body);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an announcement fan-out request: " + body);
        }
        return Integer.parseInt(m.group(1));
    }
}
