package io.convoc.aws.sqs;

import io.convoc.core.ports.LetterExportQueue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The letter exports queue: each message {@code {"exportId":…}} asks the export function to make that export. */
public final class SqsLetterExportQueue implements LetterExportQueue {
    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;

    public SqsLetterExportQueue(SqsClient sqs, JsonMapper json, String queueUrl) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(String exportId) {
        try {
            String body = json.writeValueAsString(Map.of("exportId", exportId));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for a body that is not an export request (left for the dead-letter queue) */
    public static String exportId(JsonMapper json, String body) {
        try {
            JsonNode node = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            JsonNode id = node == null ? null : node.get("exportId");
            if (id == null || !id.isString() || id.getStringValue().isBlank()) {
                throw new IllegalArgumentException("not an export request: " + body);
            }
            return id.getStringValue();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an export request: " + body, e);
        }
    }
}
