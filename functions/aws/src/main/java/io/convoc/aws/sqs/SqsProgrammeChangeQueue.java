package io.convoc.aws.sqs;

import io.convoc.core.ports.ProgrammeChangeQueue;
import io.convoc.core.programme.SettleRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The programme changes queue: each message asks for a session's quiet window to be settled, delivered after the
 * window with SQS's per-message delay (15 minutes at most; the window is 5 minutes by default). A message is
 * {@code {"eventId":…,"sessionId":…,"version":n}}.
 */
public final class SqsProgrammeChangeQueue implements ProgrammeChangeQueue {
    static final int MAX_DELAY_SECONDS = 900;
    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;

    public SqsProgrammeChangeQueue(SqsClient sqs, JsonMapper json, String queueUrl) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queueUrl;
    }

    @Override
    public void settleAfter(SettleRequest request, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(write(request)).delaySeconds(seconds));
    }

    public String write(SettleRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", r.eventId());
        body.put("sessionId", r.sessionId());
        body.put("version", r.version());
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for a body that is not a settle request (left for the dead-letter queue) */
    public SettleRequest read(String body) {
        try {
            JsonNode node = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            JsonNode event = node == null ? null : node.get("eventId");
            JsonNode session = node == null ? null : node.get("sessionId");
            JsonNode version = node == null ? null : node.get("version");
            if (event == null || session == null || version == null || !event.isString() || !session.isString()
                    || !version.isNumber()) {
                throw new IllegalArgumentException("not a settle request: " + body);
            }
            return new SettleRequest(event.getStringValue(), session.getStringValue(), version.getIntValue());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a settle request: " + body, e);
        }
    }
}
