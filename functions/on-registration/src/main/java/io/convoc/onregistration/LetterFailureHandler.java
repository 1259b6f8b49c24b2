package io.convoc.onregistration;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.streams.StreamImages;
import io.convoc.aws.streams.StreamBatches;
import io.convoc.core.letters.LetterService;
import io.convoc.core.registration.Registration;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The on-failure queue of the letters' stream mapping: Lambda puts there the description of a batch whose
 * retries ran out. This reads those records back from the stream and marks each registration
 * LETTER_FAILED with the reason, so no registration stays silently without a letter.
 */
public class LetterFailureHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(LetterFailureHandler.class);

    @Inject
    LetterService letters;

    @Inject
    StreamBatches batches;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                StreamBatches.FailedBatch batch = batches.parse(message.getBody());
                for (Registration registration : batches.registrations(batch)) {
                    letters.onFailure(registration, batch.reason());
                    LOG.atWarn()
                            .addKeyValue("registrationId", registration.id())
                            .addKeyValue("outcome", "LETTER_FAILED")
                            .log("registration {}: LETTER_FAILED ({})", registration.id(), batch.reason());
                }
            } catch (RuntimeException e) {
                LOG.error("cannot process failed batch {}: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
