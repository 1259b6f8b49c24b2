package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lambda's DynamoDB Streams event-source mapping, locally: reads a table's stream from dynoxide, builds the
 * real {@link DynamodbEvent}, invokes the real handler, and honours the mapping as template.yaml declares
 * it: batch size, partial batch failures ({@code ReportBatchItemFailures}), bisect on error, maximum retry
 * attempts, and the on-failure destination (an SQS queue that receives Lambda's batch-info message).
 */
public final class StreamPoller implements Runnable {
    private final String functionName;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final EventSourceMapping mapping;
    private final Consumer<String> onFailure;
    private final Map<String, String> iterators = new HashMap<>();
    private volatile boolean running = true;

    public StreamPoller(String functionName, String streamArn, DynamoDbStreamsClient streams,
                        RequestHandler<DynamodbEvent, StreamsEventResponse> handler, EventSourceMapping mapping,
                        Consumer<String> onFailure) {
        this.functionName = functionName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.handler = handler;
        this.mapping = mapping;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        while (running) {
            try {
                boolean any = pollOnce();
                if (!any) {
                    Emulator.sleep(50);
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("[" + functionName + "] stream poller: " + e);
                    Emulator.sleep(500);
                }
            }
        }
    }

    /** One round over the stream's shards; true when records were handled. */
    boolean pollOnce() {
        boolean any = false;
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b
                    .streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator());
            if (iterator == null) {
                continue;
            }
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterator).limit(mapping.batchSize()));
            iterators.put(shard.shardId(), response.nextShardIterator());
            if (!response.records().isEmpty()) {
                any = true;
                deliver(shard.shardId(), response.records());
            }
        }
        return any;
    }

    /** Invokes until the batch succeeds or its retries run out, as Lambda does for one shard. */
    private void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        int attempt = 0;
        while (!pending.isEmpty()) {
            List<Record> failed = invoke(pending);
            if (failed.isEmpty()) {
                return;
            }
            if (mapping.maximumRetryAttempts() >= 0 && attempt >= mapping.maximumRetryAttempts()) {
                if (mapping.bisectOnError() && failed.size() > 1) {
                    int half = failed.size() / 2;
                    deliver(shardId, failed.subList(0, half));
                    deliver(shardId, failed.subList(half, failed.size()));
                    return;
                }
                onFailure.accept(batchInfo(shardId, failed, attempt + 1));
                return;
            }
            attempt++;
            Emulator.sleep(Math.min(1000, 50L << Math.min(attempt, 4)));
            pending = failed;
        }
    }

    /** @return the records to retry: from the first reported failure on, or all of them when the handler threw */
    private List<Record> invoke(List<Record> batch) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch.stream().map(this::toLambda).toList());
        try {
            StreamsEventResponse response = handler.handleRequest(event,
                    new LocalContext(functionName, 1024, 60));
            if (!mapping.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return List.of();
            }
            Set<String> failedIds = response.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            for (int i = 0; i < batch.size(); i++) {
                if (failedIds.contains(batch.get(i).dynamodb().sequenceNumber())) {
                    return batch.subList(i, batch.size());
                }
            }
            return List.of();
        } catch (RuntimeException e) {
            System.err.println("[" + functionName + "] handler failed: " + e);
            return batch;
        }
    }

    private String batchInfo(String shardId, List<Record> failed, int attempts) {
        Record first = failed.get(0);
        Record last = failed.get(failed.size() - 1);
        return "{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":" + attempts
                + ",\"functionArn\":\"arn:aws:lambda:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT + ":function:"
                + functionName + "\"},\"responseContext\":{\"functionError\":\"Unhandled\"},"
                + "\"version\":\"1.0\",\"timestamp\":\"" + java.time.Instant.now() + "\","
                + "\"DDBStreamBatchInfo\":{\"shardId\":\"" + shardId + "\",\"startSequenceNumber\":\""
                + first.dynamodb().sequenceNumber() + "\",\"endSequenceNumber\":\"" + last.dynamodb().sequenceNumber()
                + "\",\"batchSize\":" + failed.size() + ",\"streamArn\":\"" + streamArn + "\"}}";
    }

    private DynamodbEvent.DynamodbStreamRecord toLambda(Record r) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventVersion(r.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(LocalCloud.REGION);
        out.setEventSourceARN(streamArn);
        StreamRecord s = new StreamRecord();
        s.setSequenceNumber(r.dynamodb().sequenceNumber());
        s.setSizeBytes(r.dynamodb().sizeBytes());
        s.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
        if (r.dynamodb().approximateCreationDateTime() != null) {
            s.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
        }
        s.setKeys(toLambda(r.dynamodb().keys()));
        s.setNewImage(toLambda(r.dynamodb().newImage()));
        s.setOldImage(toLambda(r.dynamodb().oldImage()));
        out.setDynamodb(s);
        return out;
    }

    /** An SDK item as Lambda's stream event model writes it. */
    public static Map<String, AttributeValue> toLambda(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> m) {
        if (m == null || m.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, toLambda(v)));
        return out;
    }

    static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
            case M -> out.setM(toLambda(v.m()) == null ? new LinkedHashMap<>() : toLambda(v.m()));
            case L -> out.setL(new ArrayList<>(v.l().stream().map(StreamPoller::toLambda).toList()));
            case NUL -> out.setNULL(true);
            case BOOL -> out.setBOOL(v.bool());
            default -> throw new IllegalArgumentException("attribute type " + v.type());
        }
        return out;
    }

    public void stop() {
        running = false;
    }
}
