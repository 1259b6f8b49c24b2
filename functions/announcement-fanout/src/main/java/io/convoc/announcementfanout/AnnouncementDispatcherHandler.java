package io.convoc.announcementfanout;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.convoc.core.announcements.AnnouncementDispatcher;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every minute (an EventBridge schedule; a timer in the local run): the announcements due → their fan-out. */
public class AnnouncementDispatcherHandler extends MicronautRequestHandler<ScheduledEvent, List<Integer>> {
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementDispatcherHandler.class);

    @Inject
    AnnouncementDispatcher dispatcher;

    @Override
    public List<Integer> execute(ScheduledEvent event) {
        List<Integer> dispatched = dispatcher.dispatchDue();
        if (!dispatched.isEmpty()) {
            LOG.info("announcements due, fan-out asked for: {}", dispatched);
        }
        return dispatched;
    }
}
