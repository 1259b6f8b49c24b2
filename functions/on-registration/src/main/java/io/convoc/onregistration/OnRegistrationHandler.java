package io.convoc.onregistration;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.convoc.aws.streams.StreamImages;
import io.convoc.core.letters.LetterService;
import io.convoc.core.notifications.LetterNotices;
import io.convoc.core.registration.Registration;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The registrations table's stream → invitation letters, then the confirmation notices once the first
 * letter is ready. A record that fails is reported as a batch item
 * failure, so the event source retries from it; when retries run out, the on-failure queue gets the batch
 * and {@link LetterFailureHandler} marks the registrations LETTER_FAILED.
 */
public class OnRegistrationHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OnRegistrationHandler.class);

    @Inject
    LetterService letters;

    @Inject
    LetterNotices notices;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Registration after = StreamImages.registration(record.getDynamodb().getNewImage());
            if (after == null) {
                continue; // removed: nothing to print
            }
            Registration before = StreamImages.registration(record.getDynamodb().getOldImage());
            try {
                LetterService.Outcome outcome = letters.onChange(before, after);
                int queued = notices.onChange(before, after).size();
                io.convoc.aws.metrics.Measurements.count("Letters", java.util.Map.of("Outcome", outcome.name()));
                LOG.atInfo()
                        .addKeyValue("registrationId", after.id())
                        .addKeyValue("change", record.getEventName())
                        .addKeyValue("outcome", outcome.name())
                        .addKeyValue("noticesQueued", queued)
                        .log("registration {} ({}): letter {}, {} notice(s) queued",
                                after.id(), record.getEventName(), outcome, queued);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .addKeyValue("registrationId", after.id())
                        .addKeyValue("outcome", "RETRY")
                        .log("registration {}: letter not produced, will retry: {}", after.id(), e.toString());
                // the source retries from the first failed record; later ones come again with it
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()))).build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
