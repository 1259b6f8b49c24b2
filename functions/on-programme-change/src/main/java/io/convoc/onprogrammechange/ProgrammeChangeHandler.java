package io.convoc.onprogrammechange;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.sqs.SqsProgrammeChangeQueue;
import io.convoc.core.programme.ScheduleChanges;
import io.convoc.core.programme.SettleRequest;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The programme changes queue (messages delayed by the quiet window) → the change settled and fanned out to the
 * people it concerns. A fan-out longer than the invocation allows saves its position and hands the same request
 * back to the queue; a message that fails comes back after its visibility timeout and resumes from the saved page.
 */
public class ProgrammeChangeHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeChangeHandler.class);
    /** Time kept for one more page and the invocation's end. */
    static final long RESERVE_MILLIS = 20_000;

    @Inject
    ScheduleChanges changes;

    @Inject
    SqsProgrammeChangeQueue queue;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        // Micronaut registers the invocation's Lambda context as a bean
        Context context = applicationContext.findBean(Context.class).orElse(null);
        BooleanSupplier moreTime = () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS;
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            SettleRequest request;
            try {
                request = queue.read(message.getBody());
            } catch (IllegalArgumentException poison) {
                LOG.error("unreadable message {} left for the dead-letter queue: {}", message.getMessageId(),
                        poison.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                ScheduleChanges.Outcome outcome = changes.settle(request, moreTime);
                if (outcome == ScheduleChanges.Outcome.MORE) {
                    queue.settleAfter(request, Duration.ZERO);
                }
                LOG.atInfo()
                        .addKeyValue("eventId", request.eventId())
                        .addKeyValue("sessionId", request.sessionId())
                        .addKeyValue("sessionVersion", request.version())
                        .addKeyValue("outcome", outcome.name())
                        .log("session {} of {} v{}: {}",
                                request.sessionId(), request.eventId(), request.version(), outcome);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .addKeyValue("eventId", request.eventId())
                        .addKeyValue("sessionId", request.sessionId())
                        .addKeyValue("outcome", "RETRY")
                        .log("session {} of {} v{}: will retry: {}",
                                request.sessionId(), request.eventId(), request.version(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
