package io.convoc.aws.streams;

import io.convoc.aws.dynamo.RegistrationItems;
import io.convoc.core.registration.Registration;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the records of a stream batch whose retries ran out, from the description Lambda sends to
 * the mapping's on-failure destination ({@code DDBStreamBatchInfo}).
 */
public final class StreamBatches {
    private final DynamoDbStreamsClient streams;
    private final JsonMapper json;

    public StreamBatches(DynamoDbStreamsClient streams, JsonMapper json) {
        this.streams = streams;
        this.json = json;
    }

    public record FailedBatch(String streamArn, String shardId, String startSequenceNumber, String endSequenceNumber,
                              String reason) {
    }

    public FailedBatch parse(String body) {
        try {
            JsonNode root = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            JsonNode info = root.get("DDBStreamBatchInfo");
            if (info == null) {
                throw new IllegalArgumentException("not a DynamoDB stream failure record");
            }
            JsonNode context = root.get("requestContext");
            String condition = context == null || context.get("condition") == null ? "RetryAttemptsExhausted"
                    : context.get("condition").getStringValue();
            String attempts = context == null || context.get("approximateInvokeCount") == null ? "?"
                    : context.get("approximateInvokeCount").coerceStringValue();
            return new FailedBatch(info.get("streamArn").getStringValue(), info.get("shardId").getStringValue(),
                    info.get("startSequenceNumber").getStringValue(), info.get("endSequenceNumber").getStringValue(),
                    "letter not produced after " + attempts + " attempts (" + condition + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registrations (new images) of the batch's records, read from the stream. */
    public List<Registration> registrations(FailedBatch batch) {
        BigInteger end = new BigInteger(batch.endSequenceNumber());
        String iterator = streams.getShardIterator(b -> b.streamArn(batch.streamArn()).shardId(batch.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(batch.startSequenceNumber())).shardIterator();
        List<Registration> out = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current).limit(100));
            for (Record r : response.records()) {
                if (new BigInteger(r.dynamodb().sequenceNumber()).compareTo(end) > 0) {
                    return out;
                }
                if (r.dynamodb().hasNewImage() && !r.dynamodb().newImage().isEmpty()) {
                    out.add(RegistrationItems.fromImage(r.dynamodb().newImage()));
                }
            }
            if (response.records().isEmpty()) {
                return out;
            }
            iterator = response.nextShardIterator();
        }
        return out;
    }
}
