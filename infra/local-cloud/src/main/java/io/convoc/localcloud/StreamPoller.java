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
 * attempts, the on-failure destination (an SQS queue that receives Lambda's batch-info message) and the
 * parallelization factor (up to that many batches of one shard at once, each item's records in order and in one
 * lane, each lane with its own handler instance). Optionally at least once: every batch handled twice before the
 * checkpoint moves.
 */
public final class StreamPoller implements Runnable {
    private final String functionName;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final java.util.function.Supplier<RequestHandler<DynamodbEvent, StreamsEventResponse>> newHandler;
    /** One handler per lane, created at its first batch, as Lambda gives concurrent batches their own instances. */
    private final List<RequestHandler<DynamodbEvent, StreamsEventResponse>> handlers = new ArrayList<>();
    private final java.util.concurrent.ExecutorService lanes;
    private final EventSourceMapping mapping;
    private final Consumer<String> onFailure;
    private final Map<String, String> iterators = new HashMap<>();
    private final boolean atLeastOnce;
    private volatile boolean running = true;

    public StreamPoller(String functionName, String streamArn, DynamoDbStreamsClient streams,
                        RequestHandler<DynamodbEvent, StreamsEventResponse> handler, EventSourceMapping mapping,
                        Consumer<String> onFailure) {
        this(functionName, streamArn, streams, handler, mapping, onFailure, false);
    }

    /** @param atLeastOnce every batch is handled twice, the second time reordered, the second outcome acted on */
    public StreamPoller(String functionName, String streamArn, DynamoDbStreamsClient streams,
                        RequestHandler<DynamodbEvent, StreamsEventResponse> handler, EventSourceMapping mapping,
                        Consumer<String> onFailure, boolean atLeastOnce) {
        this(functionName, streamArn, streams, () -> handler, mapping, onFailure, atLeastOnce);
    }

    /** @param newHandler a new handler instance (one per lane of the mapping's parallelization factor) */
    public StreamPoller(String functionName, String streamArn, DynamoDbStreamsClient streams,
                        java.util.function.Supplier<RequestHandler<DynamodbEvent, StreamsEventResponse>> newHandler,
                        EventSourceMapping mapping, Consumer<String> onFailure, boolean atLeastOnce) {
        this.atLeastOnce = atLeastOnce;
        this.functionName = functionName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.newHandler = newHandler;
        this.mapping = mapping;
        this.onFailure = onFailure;
        int factor = Math.max(1, mapping.parallelizationFactor());
        this.lanes = factor == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(factor, r -> {
            Thread t = new Thread(r, functionName + "-lane");
            t.setDaemon(true);
            return t;
        });
    }

    /** The handler of lane {@code lane}, created at its first batch. */
    private synchronized RequestHandler<DynamodbEvent, StreamsEventResponse> handler(int lane) {
        while (handlers.size() <= lane) {
            handlers.add(newHandler.get());
        }
        return handlers.get(lane);
    }

    /** The handler instances this poller created (to close them when it stops). */
    public synchronized List<RequestHandler<DynamodbEvent, StreamsEventResponse>> handlers() {
        return List.copyOf(handlers);
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
            int factor = Math.max(1, mapping.parallelizationFactor());
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterator)
                    .limit(mapping.batchSize() * factor));
            iterators.put(shard.shardId(), response.nextShardIterator());
            if (!response.records().isEmpty()) {
                any = true;
                deliverInLanes(shard.shardId(), response.records(), factor);
            }
        }
        return any;
    }

    /**
     * The records of one read, in up to {@code factor} lanes by item (an item's records stay in order, in one lane),
     * each lane's batches delivered in order, the lanes at once; the checkpoint moves when every lane is through.
     */
    private void deliverInLanes(String shardId, List<Record> records, int factor) {
        if (factor == 1) {
            deliverInBatches(shardId, records, 0);
            return;
        }
        List<List<Record>> byLane = new ArrayList<>();
        for (int i = 0; i < factor; i++) {
            byLane.add(new ArrayList<>());
        }
        for (Record r : records) {
            byLane.get(Math.floorMod(String.valueOf(r.dynamodb().keys()).hashCode(), factor)).add(r);
        }
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int lane = 0; lane < factor; lane++) {
            List<Record> mine = byLane.get(lane);
            int at = lane;
            if (!mine.isEmpty()) {
                running.add(lanes.submit(() -> deliverInBatches(shardId, mine, at)));
            }
        }
        for (java.util.concurrent.Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("[" + functionName + "] stream lane: " + e.getCause());
            }
        }
    }

    private void deliverInBatches(String shardId, List<Record> records, int lane) {
        for (int from = 0; from < records.size(); from += mapping.batchSize()) {
            deliver(shardId, records.subList(from, Math.min(records.size(), from + mapping.batchSize())), lane);
        }
    }

    /**
     * Invokes until the batch succeeds or its retries run out, as Lambda does for one shard. A failed invocation
     * (the handler threw) of more than one record, with {@code BisectBatchOnFunctionError}, is split in two at once
     * and each half delivered as a batch of its own, first half first: splitting does not count towards the retry
     * quota (Lambda's rule), so a poison record ends up alone, retried and sent to the on-failure destination
     * alone. A partial batch response checkpoints before the first failed record and retries from it (a retry).
     */
    private void deliver(String shardId, List<Record> batch, int lane) {
        List<Record> pending = batch;
        int attempt = 0;
        while (!pending.isEmpty()) {
            Outcome outcome = invoke(pending, lane);
            if (outcome.retry().isEmpty()) {
                return;
            }
            if (outcome.functionError() && mapping.bisectOnError() && pending.size() > 1) {
                int half = (pending.size() + 1) / 2;
                deliver(shardId, pending.subList(0, half), lane);
                deliver(shardId, pending.subList(half, pending.size()), lane);
                return;
            }
            if (mapping.maximumRetryAttempts() >= 0 && attempt >= mapping.maximumRetryAttempts()) {
                onFailure.accept(batchInfo(shardId, outcome.retry(), attempt + 1));
                return;
            }
            if (!running) {
                return;
            }
            attempt++;
            Emulator.sleep(Math.min(1000, 50L << Math.min(attempt, 4)));
            pending = outcome.retry();
        }
    }

    /**
     * What one delivery came to: the records to retry (from the first reported failure on, or all of them when
     * the handler threw: a function error), none on success.
     */
    private record Outcome(List<Record> retry, boolean functionError) {
    }

    /** One delivery; at least once, the batch goes to the handler twice (reordered) and the second outcome counts. */
    private Outcome invoke(List<Record> batch, int lane) {
        Outcome first = invoke(batch, batch, lane);
        if (!atLeastOnce) {
            return first;
        }
        Outcome second = invoke(batch, reordered(batch), lane);
        if (!first.equals(second)) {
            System.err.println("[" + functionName + "] at-least-once: the two deliveries of a batch of " + batch.size()
                    + " differ: first " + describe(first) + ", second " + describe(second));
        }
        return second;
    }

    private static String describe(Outcome o) {
        return o.functionError() ? "threw" : o.retry().isEmpty() ? "succeeded" : o.retry().size() + " to retry";
    }

    /** @param order the batch's records in the order the handler gets them; failures are read in the batch's order */
    private Outcome invoke(List<Record> batch, List<Record> order, int lane) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(order.stream().map(this::toLambda).toList());
        try {
            StreamsEventResponse response = handler(lane).handleRequest(event,
                    new LocalContext(functionName, 1024, 60));
            if (!mapping.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return new Outcome(List.of(), false);
            }
            Set<String> failedIds = response.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            if (failedIds.contains(null) || failedIds.contains("")) {
                return new Outcome(batch, false); // Lambda: a null or empty identifier fails the whole batch
            }
            for (int i = 0; i < batch.size(); i++) {
                if (failedIds.contains(batch.get(i).dynamodb().sequenceNumber())) {
                    return new Outcome(batch.subList(i, batch.size()), false);
                }
            }
            return new Outcome(List.of(), false);
        } catch (RuntimeException e) {
            System.err.println("[" + functionName + "] handler failed: " + e);
            return new Outcome(batch, true);
        }
    }

    /**
     * The batch in another order: items reversed, each item's own records kept in order (Lambda delivers a
     * shard in order; an item's changes never overtake one another, but nothing orders two items' handling).
     */
    static List<Record> reordered(List<Record> batch) {
        Map<String, List<Record>> items = new LinkedHashMap<>();
        for (Record r : batch) {
            items.computeIfAbsent(String.valueOf(r.dynamodb().keys()), k -> new ArrayList<>()).add(r);
        }
        List<List<Record>> order = new ArrayList<>(items.values());
        java.util.Collections.reverse(order);
        return order.stream().flatMap(List::stream).toList();
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
        if (lanes != null) {
            lanes.shutdown();
        }
    }
}
