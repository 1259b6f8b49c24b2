package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.localcloud.handlers.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Lambda against the real emulators, with test functions (handlers in {@code handlers/}) wired by a
 * template of their own: schedules, SQS concurrency, at-least-once delivery, stream bisection.
 */
class LocalLambdaTest {
    private static final String HANDLERS = "io.convoc.localcloud.handlers.";
    private static final Template TEMPLATE = Template.parse("""
            Resources:
              Items:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
              TwiceItems:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
              LaneItems:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
              LanesFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingStreamHandler
                  Events:
                    Items:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt LaneItems.StreamArn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 2
                        ParallelizationFactor: 3
              ItemFailures:
                Type: AWS::SQS::Queue
              Work:
                Type: AWS::SQS::Queue
              Idle:
                Type: AWS::SQS::Queue
              Twice:
                Type: AWS::SQS::Queue
              BisectFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingStreamHandler
                  Events:
                    Items:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Items.StreamArn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 10
                        MaximumRetryAttempts: 1
                        BisectBatchOnFunctionError: true
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt ItemFailures.Arn
              TwiceStreamFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingStreamHandler
                  Events:
                    Items:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt TwiceItems.StreamArn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 10
              WorkFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingSqsHandler
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Work.Arn
                        BatchSize: 1
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        ScalingConfig:
                          MaximumConcurrency: 4
              IdleFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingSqsHandler
                  Events:
                    Idle:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Idle.Arn
              TwiceFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sRecordingSqsHandler
                  Events:
                    Twice:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Twice.Arn
                        BatchSize: 10
                        ScalingConfig:
                          MaximumConcurrency: 2
              TypedTickFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sScheduledHandlers$Typed
                  Events:
                    EveryMinute:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
              MapTickFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sScheduledHandlers$Untyped
                  Events:
                    Nightly:
                      Type: Schedule
                      Properties:
                        Schedule: cron(0 3 * * ? *)
              FailingTickFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sScheduledHandlers$Failing
                  Events:
                    Every5Minutes:
                      Type: Schedule
                      Properties:
                        Schedule: rate(5 minutes)
              DisabledTickFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %1$sScheduledHandlers$Typed
                  Events:
                    Hourly:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 hour)
                        Enabled: false
            """.formatted(HANDLERS));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        // queues get a 1 s visibility timeout in tests, and then one worker per mapping unless asked: asked
        cloud = LocalCloud.start(TEMPLATE, null).sqsConcurrency(null);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Emulator.sleep(20);
        }
    }

    @Test
    void findsTheScheduledFunctionsAndTheirExpressions() {
        assertEquals(List.of("TypedTickFunction", "MapTickFunction", "FailingTickFunction"), cloud.scheduledFunctions());
        assertEquals(Duration.ofMinutes(1), Schedules.of(TEMPLATE, "TypedTickFunction").get(0).rate());
        assertEquals(null, Schedules.of(TEMPLATE, "MapTickFunction").get(0).rate());
        assertFalse(Schedules.of(TEMPLATE, "DisabledTickFunction").get(0).enabled());
        // the project's own: the notice reconciler every 5 minutes
        Template project = Template.project();
        assertEquals(Duration.ofMinutes(5), Schedules.of(project, "NoticeReconcilerFunction").get(0).rate());
        assertEquals(ScheduledEvent.class, Schedules.inputType(io.convoc.localcloud.handlers.ScheduledHandlers.Typed.class));
        assertEquals(Map.class, Schedules.inputType(io.convoc.localcloud.handlers.ScheduledHandlers.Untyped.class));
    }

    @Test
    void scheduledFunctionsFireEveryLocalPeriodWithAScheduledEventAndSurviveFailures() {
        Duration period = Duration.ofMillis(400);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Instant started = Instant.now();
        List<String> functions = new ArrayList<>(cloud.scheduledFunctions());
        functions.add("DisabledTickFunction"); // named, but its event is disabled: never fired
        try (Schedules schedules = cloud.startSchedules(functions, period,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            Recorder typed = Recorder.of("TypedTickFunction");
            Recorder untyped = Recorder.of("MapTickFunction");
            Recorder failing = Recorder.of("FailingTickFunction");
            // the first tick within two periods (plus a margin for a loaded machine)
            await("a first scheduled invocation", period.multipliedBy(2).plusMillis(600),
                    () -> !typed.invocations.isEmpty() && !untyped.invocations.isEmpty());
            await("the failing function invoked again", Duration.ofSeconds(5),
                    () -> schedules.failures("FailingTickFunction") >= 3 && failing.invocations.size() >= 3);
            await("more ticks", Duration.ofSeconds(5), () -> typed.invocations.size() >= 3);

            ScheduledEvent event = assertInstanceOf(ScheduledEvent.class, typed.invocations.get(0).event());
            assertEquals("aws.events", event.getSource());
            assertEquals("Scheduled Event", event.getDetailType());
            assertEquals(List.of("arn:aws:events:eu-west-3:000000000000:rule/convoc-local-TypedTickFunctionEveryMinute"),
                    event.getResources());
            Instant time = Instant.ofEpochMilli(event.getTime().getMillis());
            assertTrue(!time.isBefore(started.minusSeconds(1)) && !time.isAfter(Instant.now()), time.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = assertInstanceOf(Map.class, untyped.invocations.get(0).event());
            assertEquals("Scheduled Event", map.get("detail-type"));
            assertEquals("aws.events", map.get("source"));
            // one handler instance per function
            assertEquals(1, typed.invocations.stream().map(Recorder.Invocation::instance).distinct().count());
            assertTrue(schedules.failures("FailingTickFunction") >= 3);
            assertTrue(schedules.invocations("DisabledTickFunction") == 0);
        }
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("TypedTickFunction (EveryMinute): rate(1 minute) in AWS, every 0.4 s locally"), printed);
        assertTrue(printed.contains("DisabledTickFunction (Hourly): rate(1 hour), disabled"), printed);
        assertTrue(printed.contains("FailingTickFunction failed: java.lang.IllegalStateException: scheduled failure"),
                printed);
        // closed: no more ticks
        int after = Recorder.of("TypedTickFunction").invocations.size();
        Emulator.sleep(period.toMillis() * 2);
        assertEquals(after, Recorder.of("TypedTickFunction").invocations.size());
    }

    @Test
    void anSqsMappingRunsUpToMaximumConcurrencyWorkersEachWithItsOwnHandler() {
        Recorder work = Recorder.of("WorkFunction");
        work.barrier = new CountDownLatch(4); // each of the first 4 invocations waits until 4 run at once
        cloud.startFunctions(List.of("WorkFunction", "IdleFunction"));
        SqsPoller poller = cloud.sqsPoller("WorkFunction", "Work");
        assertEquals(4, poller.concurrency());
        assertEquals(SqsPoller.DEFAULT_CONCURRENCY, cloud.sqsPoller("IdleFunction", "Idle").concurrency());
        Emulator.sleep(200);
        assertEquals(0, poller.handlerInstances(), "no handler before the first message");

        send("Work", IntStream.range(0, 12).mapToObj(i -> "work-" + i).toList());
        await("12 messages handled", Duration.ofSeconds(15), () -> work.invocations.size() >= 12);
        await("the queue drained", Duration.ofSeconds(10), () -> queueEmpty("Work"));

        assertEquals(4, work.maxInFlight.get(), "4 batches at once, never more");
        assertEquals(0, work.barrier.getCount(), "4 invocations were in flight at once");
        Set<Integer> instances = work.invocations.stream().map(Recorder.Invocation::instance).collect(Collectors.toSet());
        assertEquals(4, instances.size(), "one handler instance per worker");
        assertEquals(4, poller.handlerInstances());
        // each execution environment is single-threaded: an instance always runs on the same thread
        Map<Integer, Set<String>> threads = new HashMap<>();
        work.invocations.forEach(i -> threads.computeIfAbsent(i.instance(), k -> new HashSet<>()).add(i.thread()));
        threads.values().forEach(t -> assertEquals(1, t.size(), threads.toString()));
        assertEquals(IntStream.range(0, 12).mapToObj(i -> "work-" + i).collect(Collectors.toSet()),
                work.invocations.stream().flatMap(i -> i.records().stream()).collect(Collectors.toSet()));
        // idle workers cost no handler
        assertEquals(0, cloud.sqsPoller("IdleFunction", "Idle").handlerInstances());
    }

    @Test
    void atLeastOnceDeliversEverySqsBatchTwiceTheSecondTimeReversed() {
        List<String> bodies = IntStream.range(0, 6).mapToObj(i -> "twice-" + i).toList();
        send("Twice", bodies); // waiting before the mapping starts: the first receive gets several
        Recorder twice = Recorder.of("TwiceFunction");
        cloud.atLeastOnce(true);
        try {
            cloud.startFunctions(List.of("TwiceFunction"));
        } finally {
            cloud.atLeastOnce(false);
        }
        await("each message handled twice", Duration.ofSeconds(15),
                () -> twice.invocations.stream().mapToInt(i -> i.records().size()).sum() >= 12);
        await("the queue drained", Duration.ofSeconds(10), () -> queueEmpty("Twice"));
        Map<String, Long> deliveries = twice.invocations.stream().flatMap(i -> i.records().stream())
                .collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        assertEquals(bodies.stream().collect(Collectors.toMap(b -> b, b -> 2L)), deliveries);
        // on each instance, invocations come in pairs: a batch, then the same batch reversed
        Map<Integer, List<List<String>>> byInstance = new HashMap<>();
        twice.invocations.forEach(i -> byInstance.computeIfAbsent(i.instance(), k -> new ArrayList<>()).add(i.records()));
        boolean sawABatchOfSeveral = false;
        for (List<List<String>> batches : byInstance.values()) {
            assertEquals(0, batches.size() % 2, batches.toString());
            for (int i = 0; i < batches.size(); i += 2) {
                List<String> reversed = new ArrayList<>(batches.get(i));
                Collections.reverse(reversed);
                assertEquals(reversed, batches.get(i + 1));
                sawABatchOfSeveral |= batches.get(i).size() > 1;
            }
        }
        assertTrue(sawABatchOfSeveral, byInstance.toString());
    }

    @Test
    void atLeastOnceDeliversEveryStreamBatchTwiceTheSecondTimeReordered() {
        List<String> ids = List.of("a", "b", "c");
        ids.forEach(id -> put("TwiceItems", id));
        put("TwiceItems", "a"); // a second change of item a: it must stay after the first in both deliveries
        Recorder twice = Recorder.of("TwiceStreamFunction");
        cloud.atLeastOnce(true);
        try {
            cloud.startFunctions(List.of("TwiceStreamFunction"));
        } finally {
            cloud.atLeastOnce(false);
        }
        await("each record handled twice", Duration.ofSeconds(10),
                () -> twice.invocations.stream().mapToInt(i -> i.records().size()).sum() >= 8);
        List<List<String>> batches = twice.invocations.stream().map(Recorder.Invocation::records).toList();
        assertEquals(2, batches.size(), batches.toString());
        assertEquals(List.of("a", "b", "c", "a"), batches.get(0));
        assertEquals(List.of("c", "b", "a", "a"), batches.get(1));
    }

    @Test
    void aParallelizationFactorHandsAShardsBatchesToSeveralInstancesEachItemsChangesInOrder() {
        List<String> ids = List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        ids.forEach(id -> put("LaneItems", id));
        put("LaneItems", "p3"); // p3 changed again: its second change after its first, in the same lane
        put("LaneItems", "p7");
        Recorder lanes = Recorder.of("LanesFunction");
        cloud.startFunctions(List.of("LanesFunction"));
        await("every change handled", Duration.ofSeconds(15),
                () -> lanes.invocations.stream().mapToInt(i -> i.records().size()).sum() >= 12);

        List<Recorder.Invocation> invocations = List.copyOf(lanes.invocations);
        assertTrue(invocations.stream().allMatch(i -> i.records().size() <= 2), "BatchSize 2");
        assertTrue(invocations.stream().map(Recorder.Invocation::instance).distinct().count() > 1,
                "several handler instances: " + invocations);
        for (String twice : List.of("p3", "p7")) {
            // both changes of one item went to one instance, in order
            List<Recorder.Invocation> with = invocations.stream().filter(i -> i.records().contains(twice)).toList();
            assertEquals(1, with.stream().map(Recorder.Invocation::instance).distinct().count(), with.toString());
            assertEquals(2, with.stream().mapToLong(i -> i.records().stream().filter(twice::equals).count()).sum());
        }
        assertEquals(new java.util.TreeSet<>(ids), invocations.stream().flatMap(i -> i.records().stream())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Test
    void aStreamBatchFailingIsBisectedAtOnceUntilThePoisonRecordIsAlone() throws Exception {
        List<String> ids = List.of("r0", "r1", "r2", "r3", "r4", "poison-5", "r6", "r7");
        ids.forEach(id -> put("Items", id)); // all in the stream before the mapping reads it: one batch of 8
        Recorder bisect = Recorder.of("BisectFunction");
        cloud.startFunctions(List.of("BisectFunction"));

        List<Message> failures = new ArrayList<>();
        await("the poison record at the on-failure destination", Duration.ofSeconds(15), () -> {
            failures.addAll(cloud.sqs().receiveMessage(b -> b.queueUrl(cloud.queueUrl("ItemFailures"))
                    .waitTimeSeconds(0).maxNumberOfMessages(10)).messages());
            return !failures.isEmpty();
        });
        await("the last half handled", Duration.ofSeconds(5),
                () -> bisect.invocations.stream().anyMatch(i -> i.records().equals(List.of("r6", "r7"))));
        // split on the first error (no retry of the whole batch), halves first-half-first; the lone poison record
        // is retried (MaximumRetryAttempts: 1), then given up
        assertEquals(List.of(
                        List.of("r0", "r1", "r2", "r3", "r4", "poison-5", "r6", "r7"),
                        List.of("r0", "r1", "r2", "r3"),
                        List.of("r4", "poison-5", "r6", "r7"),
                        List.of("r4", "poison-5"),
                        List.of("r4"),
                        List.of("poison-5"),
                        List.of("poison-5"),
                        List.of("r6", "r7")),
                bisect.invocations.stream().map(Recorder.Invocation::records).toList());
        assertEquals(1, failures.size());
        JsonNode info = JSON.readTree(failures.get(0).body());
        assertEquals(1, info.path("DDBStreamBatchInfo").path("batchSize").asInt(), info.toString());
        assertEquals(2, info.path("requestContext").path("approximateInvokeCount").asInt(), info.toString());
        String poisonSequence = ((com.amazonaws.services.lambda.runtime.events.DynamodbEvent)
                bisect.invocations.get(5).event()).getRecords().get(0).getDynamodb().getSequenceNumber();
        assertEquals(poisonSequence, info.path("DDBStreamBatchInfo").path("startSequenceNumber").asText());
        assertEquals(poisonSequence, info.path("DDBStreamBatchInfo").path("endSequenceNumber").asText());
    }

    private static void put(String table, String id) {
        cloud.dynamo().putItem(b -> b.tableName(cloud.tableName(table)).item(Map.of(
                "id", AttributeValue.fromS(id), "at", AttributeValue.fromS(String.valueOf(System.nanoTime())))));
    }

    private static void send(String queue, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
            }
            cloud.sqs().sendMessageBatch(b -> b.queueUrl(cloud.queueUrl(queue)).entries(entries));
        }
    }

    private static boolean queueEmpty(String queue) {
        Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
