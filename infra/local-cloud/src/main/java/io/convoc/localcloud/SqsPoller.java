package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lambda's SQS event-source mapping, locally: long-polls the queue, builds the real {@link SQSEvent},
 * invokes the real handler, deletes what succeeded and leaves the rest to come back after the visibility
 * timeout (ElasticMQ moves it to the dead-letter queue after the redrive policy's maxReceiveCount).
 */
public final class SqsPoller implements Runnable {
    private final String functionName;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final EventSourceMapping mapping;
    private volatile boolean running = true;

    public SqsPoller(String functionName, SqsClient sqs, String queueUrl, String queueArn,
                     RequestHandler<SQSEvent, SQSBatchResponse> handler, EventSourceMapping mapping) {
        this.functionName = functionName;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.mapping = mapping;
    }

    @Override
    public void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("[" + functionName + "] SQS poller: " + e);
                    Emulator.sleep(500);
                }
            }
        }
    }

    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, mapping.batchSize()))
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toLambda).toList());
        Set<String> failed;
        try {
            SQSBatchResponse response = handler.handleRequest(event, new LocalContext(functionName, 1024, 30));
            failed = !mapping.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null
                    ? Set.of()
                    : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            System.err.println("[" + functionName + "] handler failed: " + e);
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
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

    public void stop() {
        running = false;
    }
}
