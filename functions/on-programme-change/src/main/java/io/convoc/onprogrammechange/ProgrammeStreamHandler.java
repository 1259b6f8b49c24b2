package io.convoc.onprogrammechange;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.convoc.aws.streams.StreamImages;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.programme.ScheduleChanges;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The events table's stream → the quiet windows of edited sessions. Other items of the table (the event, counters,
 * the windows themselves) and sessions created by loading an event's data are passed over. A record that fails is reported as a batch item failure, so the source
 * retries from it; opening a window twice for the same edit changes nothing.
 */
public class ProgrammeStreamHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeStreamHandler.class);

    @Inject
    ScheduleChanges changes;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            ProgrammeSession after = StreamImages.session(record.getDynamodb().getNewImage());
            if (after == null) {
                continue; // not a session, or removed (sessions are cancelled, never deleted)
            }
            if (record.getDynamodb().getOldImage() == null && StreamImages.loadedSession(record.getDynamodb().getNewImage())) {
                continue; // an event's data being loaded: setting the programme up is nobody's change
            }
            String eventId = StreamImages.eventId(record.getDynamodb().getKeys());
            try {
                ScheduleChanges.Outcome outcome = changes.onSessionEdited(eventId,
                        StreamImages.session(record.getDynamodb().getOldImage()), after);
                LOG.atInfo()
                        .addKeyValue("eventId", eventId)
                        .addKeyValue("sessionId", after.id())
                        .addKeyValue("sessionVersion", after.version())
                        .addKeyValue("outcome", outcome.name())
                        .log("session {} of {} v{} ({}): {}",
                                after.id(), eventId, after.version(), record.getEventName(), outcome);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .addKeyValue("eventId", eventId)
                        .addKeyValue("sessionId", after.id())
                        .addKeyValue("outcome", "RETRY")
                        .log("session {} of {}: will retry: {}", after.id(), eventId, e.toString());
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()))).build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
