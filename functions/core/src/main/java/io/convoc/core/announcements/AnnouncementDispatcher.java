package io.convoc.core.announcements;

import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;

import java.time.Clock;
import java.util.List;

/**
 * Runs on a schedule (every minute in AWS): asks for the fan-out of every announcement due. The fan-out moves it to
 * SENDING, so that it is not due any more; asked twice, the fan-out's saved position keeps it from writing twice.
 */
public class AnnouncementDispatcher {
    static final int BATCH = 50;

    private final AnnouncementRepository announcements;
    private final AnnouncementQueue queue;
    private final Clock clock;

    public AnnouncementDispatcher(AnnouncementRepository announcements, AnnouncementQueue queue, Clock clock) {
        this.announcements = announcements;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return the numbers of the announcements whose fan-out was asked for */
    public List<Integer> dispatchDue() {
        List<Integer> dispatched = announcements.due(clock.instant(), BATCH).stream()
                .map(Announcement::number).toList();
        dispatched.forEach(queue::fanOut);
        return dispatched;
    }
}
