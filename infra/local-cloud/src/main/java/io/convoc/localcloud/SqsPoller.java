package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Lambda's SQS event-source mapping, locally: long-polls the queue, builds the real {@link SQSEvent},
 * invokes the real handler, deletes what succeeded and leaves the rest to come back after the visibility
 * timeout (ElasticMQ moves it to the dead-letter queue after the redrive policy's maxReceiveCount).
 *
 * <p>Concurrency as Lambda's: up to {@link #concurrency()} batches are handled at once (the mapping's
 * {@code ScalingConfig.MaximumConcurrency}, else {@link #DEFAULT_CONCURRENCY}), each by a worker standing for one
 * execution environment: single-threaded, with its own handler instance, created at the worker's first non-empty
 * receive (a worker that never gets a message costs a thread in a long poll, no handler).
 *
 * <p>At least once ({@code atLeastOnce}): every batch is handled twice, the second time reordered (across message
 * groups: a FIFO queue's group keeps its order), before the poller acts on the outcome of the second, as when
 * Lambda receives a message again because the first invocation's delete was lost.
 */
public final class SqsPoller implements AutoCloseable {
    /**
     * Workers when the template sets no {@code MaximumConcurrency}. Lambda then scales an SQS mapping up to the
     * account's concurrency (1,000 by default), starting with five concurrent batches; locally the five.
     */
    public static final int DEFAULT_CONCURRENCY = 5;

    private final String functionName;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers;
    private final EventSourceMapping mapping;
    private final int concurrency;
    private final boolean atLeastOnce;
    private final boolean closeHandlers;
    private final List<Thread> workers = new ArrayList<>();
    private final List<RequestHandler<SQSEvent, SQSBatchResponse>> created = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param handlers     creates a handler instance, as Lambda creates one per execution environment
     * @param concurrency  workers, null for the mapping's MaximumConcurrency (else {@link #DEFAULT_CONCURRENCY})
     * @param atLeastOnce  whether every batch is handled twice
     */
    public SqsPoller(String functionName, SqsClient sqs, String queueUrl, String queueArn,
                     Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers,
                     EventSourceMapping mapping, Integer concurrency, boolean atLeastOnce) {
        this(functionName, sqs, queueUrl, queueArn, handlers, mapping, concurrency, atLeastOnce, true);
    }

    private SqsPoller(String functionName, SqsClient sqs, String queueUrl, String queueArn,
                      Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers,
                      EventSourceMapping mapping, Integer concurrency, boolean atLeastOnce, boolean closeHandlers) {
        this.closeHandlers = closeHandlers;
        this.functionName = functionName;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handlers = handlers;
        this.mapping = mapping;
        this.concurrency = concurrency != null ? concurrency
                : mapping.maximumConcurrency() != null ? mapping.maximumConcurrency() : DEFAULT_CONCURRENCY;
        if (this.concurrency < 1) {
            throw new IllegalArgumentException("concurrency " + this.concurrency);
        }
        this.atLeastOnce = atLeastOnce;
    }

    /** One worker with the handler instance given (its caller closes it). */
    public SqsPoller(String functionName, SqsClient sqs, String queueUrl, String queueArn,
                     RequestHandler<SQSEvent, SQSBatchResponse> handler, EventSourceMapping mapping) {
        this(functionName, sqs, queueUrl, queueArn, () -> handler, mapping, 1, false, false);
    }

    public int concurrency() {
        return concurrency;
    }

    /** Starts the workers (daemon threads named after the function and queue). */
    public synchronized SqsPoller start() {
        for (int i = 1; i <= concurrency; i++) {
            Thread worker = new Thread(new Worker(), functionName + "-" + mapping.sourceLogicalId() + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    /** Handler instances created so far (one per worker that got a message). */
    public synchronized int handlerInstances() {
        return created.size();
    }

    /** One execution environment: receives, invokes its own handler, deletes; one batch at a time. */
    private final class Worker implements Runnable {
        private RequestHandler<SQSEvent, SQSBatchResponse> handler;

        @Override
        public void run() {
            try {
                while (running) {
                    try {
                        pollOnce();
                    } catch (RuntimeException e) {
                        if (running) {
                            System.err.println("[" + functionName + "] SQS poller: " + e);
                            sleep(500);
                        }
                    }
                }
            } finally {
                if (closeHandlers && handler instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // stopping anyway
                    }
                }
            }
        }

        private void pollOnce() {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.min(10, mapping.batchSize()))
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty() || !running) {
                return; // when stopping, what was received comes back after its visibility timeout
            }
            if (handler == null) {
                handler = handlers.get();
                synchronized (SqsPoller.this) {
                    created.add(handler);
                }
            }
            List<SQSEvent.SQSMessage> records = messages.stream().map(SqsPoller.this::toLambda).toList();
            Set<String> failed = invoke(records);
            if (atLeastOnce) {
                // the same batch again, whatever the first outcome: the poller acts on the second's
                Set<String> again = invoke(reordered(records));
                if (!java.util.Objects.equals(again, failed)) {
                    System.err.println("[" + functionName + "] at-least-once: the second delivery "
                            + (again == null ? "threw" : "reported failures " + again) + ", the first "
                            + (failed == null ? "threw" : "reported failures " + failed));
                }
                failed = again;
            }
            if (failed == null) {
                return; // the handler threw: the whole batch comes back
            }
            Set<String> done = failed;
            List<DeleteMessageBatchRequestEntry> delete = messages.stream()
                    .filter(m -> !done.contains(m.messageId()))
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            if (!delete.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(delete));
            }
        }

        /** @return the ids the handler reported failed, or null when it threw */
        private Set<String> invoke(List<SQSEvent.SQSMessage> records) {
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            try {
                SQSBatchResponse response = handler.handleRequest(event, new LocalContext(functionName, 1024, 30));
                return !mapping.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null
                        ? Set.of()
                        : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
            } catch (RuntimeException e) {
                System.err.println("[" + functionName + "] handler failed: " + e);
                return null;
            }
        }
    }

    /**
     * The batch in another order Lambda may deliver it in: message groups reversed, each group's own order kept
     * (a standard queue's messages have no group: the whole batch is reversed).
     */
    static List<SQSEvent.SQSMessage> reordered(List<SQSEvent.SQSMessage> records) {
        Map<String, List<SQSEvent.SQSMessage>> groups = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage m : records) {
            String group = m.getAttributes() == null ? null : m.getAttributes().get("MessageGroupId");
            groups.computeIfAbsent(group != null ? "group:" + group : "message:" + m.getMessageId(),
                    k -> new ArrayList<>()).add(m);
        }
        List<List<SQSEvent.SQSMessage>> order = new ArrayList<>(groups.values());
        java.util.Collections.reverse(order);
        return order.stream().flatMap(List::stream).toList();
    }

    private SQSEvent.SQSMessage toLambda(Message m) {
        SQSEvent.SQSMessage out = new SQSEvent.SQSMessage();
        out.setMessageId(m.messageId());
        out.setReceiptHandle(m.receiptHandle());
        out.setBody(m.body());
        out.setMd5OfBody(m.md5OfBody());
        out.setEventSource("aws:sqs");
        out.setEventSourceArn(queueArn);
        out.setAwsRegion(LocalCloud.REGION);
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        out.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            messageAttributes.put(k, a);
        });
        out.setMessageAttributes(messageAttributes);
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Workers stop after their current receive or batch; each closes its handler instance. */
    public void stop() {
        running = false;
    }

    /** Waits for the workers to stop (after {@link #stop}); true when they all did in time. */
    public boolean awaitStopped(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(workers);
        }
        for (Thread t : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        stop();
        awaitStopped(Duration.ofSeconds(3));
    }
}
