package io.convoc.noticereconciler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.convoc.core.notifications.NoticeReconciler;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * Every five minutes (an EventBridge schedule): the SENDING notices whose lease ran out, taken back (see
 * {@link NoticeReconciler}). The local run drives the schedule with a timer (`--schedule-seconds`); tests call this handler directly.
 */
public class NoticeReconcilerHandler extends MicronautRequestHandler<ScheduledEvent, NoticeReconciler.Report> {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeReconcilerHandler.class);

    @Inject
    NoticeReconciler reconciler;

    @Override
    public NoticeReconciler.Report execute(ScheduledEvent event) {
        NoticeReconciler.Report report = reconciler.run();
        if (report.unknown() > 0) {
            // the UnknownNotices metric filter of the template adds up this line's field (a JSON number)
            LOG.warn("notices UNKNOWN: {} (the provider was called, its answer lost: sent or not, to look at)",
                    StructuredArguments.entry("unknownNotices", report.unknown()));
        }
        if (report.total() > 0) {
            LOG.warn("expired sending leases: {} sent (status write lost), {} requeued, {} UNKNOWN, {} skipped",
                    report.sent(), report.requeued(), report.unknown(), report.skipped());
        }
        return report;
    }
}
