package io.convoc.announcementfanout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.sqs.SqsAnnouncementQueue;
import io.convoc.core.announcements.AnnouncementFanOut;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The fan-out queue → an announcement's notices, page by page, until the invocation's time runs low: then a
 * continuation message takes over from the saved position (an audience of any size, within Lambda's 15 minutes
 * each). A message that fails is retried by SQS, and resumes from the saved position too.
 */
public class AnnouncementFanOutHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementFanOutHandler.class);
    /** Time kept for one more page and the continuation message: a fifth of the invocation, 5 s at least. */
    static final double RESERVE = 0.2;
    static final long MIN_RESERVE_MILLIS = 5_000;

    @Inject
    AnnouncementFanOut fanOut;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Context context = applicationContext.findBean(Context.class).orElse(null);
        // outside Lambda (a test calling the handler) there is no context: pages until done
        long reserve = context == null ? 0
                : Math.max(MIN_RESERVE_MILLIS, (long) (context.getRemainingTimeInMillis() * RESERVE));
        BooleanSupplier moreTime = () -> context == null || context.getRemainingTimeInMillis() > reserve;
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            int number;
            try {
                number = SqsAnnouncementQueue.read(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.error("not a fan-out request, dropped: {}", message.getBody());
                continue; // retrying cannot make it one
            }
            try {
                AnnouncementFanOut.Outcome outcome = fanOut.run(number, moreTime);
                LOG.atInfo()
                        .addKeyValue("announcement", number)
                        .addKeyValue("outcome", String.valueOf(outcome))
                        .log("announcement {}: {}", number, outcome);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .addKeyValue("announcement", number)
                        .addKeyValue("outcome", "RETRY")
                        .log("announcement {}: fan-out failed, retried from its saved position: {}",
                                number, e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
