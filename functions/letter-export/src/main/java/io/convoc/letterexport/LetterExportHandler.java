package io.convoc.letterexport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.sqs.SqsLetterExportQueue;
import io.convoc.core.letters.LetterExporter;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The letter exports queue → one print-ready PDF per export request. A failure is reported as a batch item failure
 * (the request comes back after the queue's visibility timeout); on the queue's last attempt the export is marked
 * FAILED with the reason instead. An export that could not end before the invocation's end is marked FAILED at once.
 */
public class LetterExportHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(LetterExportHandler.class);

    @Inject
    LetterExporter exporter;

    @Inject
    JsonMapper json;

    /** The queue's maxReceiveCount: the attempt on which a failure is final. */
    @Value("${LETTER_EXPORT_ATTEMPTS}")
    int attempts;

    /**
     * The share of the invocation kept, once the letters are read, to bind them, write the file and send it (binding
     * takes about as long as reading, measured on 2,000 letters; a third leaves room).
     */
    static final double RESERVE = 0.33;
    static final long MIN_RESERVE_MILLIS = 5_000;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        // Micronaut registers the invocation's Lambda context as a bean
        Context context = applicationContext.findBean(Context.class).orElse(null);
        long reserve = context == null ? 0
                : Math.max(MIN_RESERVE_MILLIS, (long) (context.getRemainingTimeInMillis() * RESERVE));
        BooleanSupplier moreTime = () -> context == null || context.getRemainingTimeInMillis() > reserve;
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String exportId;
            try {
                exportId = SqsLetterExportQueue.exportId(json, message.getBody());
            } catch (IllegalArgumentException poison) {
                LOG.error("unreadable message {} left for the dead-letter queue: {}", message.getMessageId(),
                        poison.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            boolean lastAttempt = receiveCount(message) >= attempts;
            long started = System.nanoTime();
            try {
                LetterExporter.Outcome outcome = exporter.run(exportId, lastAttempt, moreTime);
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.atInfo()
                        .addKeyValue("exportId", exportId)
                        .addKeyValue("outcome", String.valueOf(outcome))
                        .addKeyValue("durationMs", millis)
                        .log("export {}: {} in {} ms", exportId, outcome, millis);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .addKeyValue("exportId", exportId)
                        .addKeyValue("outcome", "RETRY")
                        .log("export {}: will retry: {}", exportId, e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
