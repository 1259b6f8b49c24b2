package io.convoc.core.announcements;

import io.convoc.core.notifications.Channel;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.convoc.core.announcements.AnnouncementState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minute's dispatch: the fan-out of every SCHEDULED announcement due, and of no other. */
class AnnouncementDispatcherTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemoryAnnouncements announcements = new InMemoryAnnouncements();
    private final List<Integer> fanOuts = new ArrayList<>();
    private final AnnouncementDispatcher dispatcher = new AnnouncementDispatcher(announcements, fanOuts::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private void put(int number, AnnouncementState state, Instant scheduledFor) {
        announcements.put(InMemoryAnnouncements.announcement(number, state, scheduledFor, Set.of(Channel.EMAIL),
                Audience.everyone()));
    }

    @Test
    void onlyScheduledAnnouncementsDueAreDispatchedEarliestFirst() {
        put(1, DRAFT, null);
        put(2, SCHEDULED, NOW);
        put(3, SCHEDULED, NOW.plusSeconds(1));
        put(4, SENDING, NOW.minus(Duration.ofHours(1)));
        put(5, CANCELLED, NOW.minus(Duration.ofHours(1)));
        put(6, SENT, NOW.minus(Duration.ofHours(2)));
        put(7, SCHEDULED, NOW.minus(Duration.ofMinutes(3)));
        assertEquals(List.of(7, 2), dispatcher.dispatchDue());
        assertEquals(List.of(7, 2), fanOuts);
    }

    @Test
    void onceTheFanOutStartedItIsNotDispatchedAgain() {
        put(1, SCHEDULED, NOW.minusSeconds(30));
        assertEquals(List.of(1), dispatcher.dispatchDue());
        assertTrue(announcements.startSending(1, NOW));
        assertEquals(List.of(), dispatcher.dispatchDue());
        assertEquals(List.of(1), fanOuts);
    }

    @Test
    void aCancelledScheduledAnnouncementIsNotDispatched() {
        put(1, SCHEDULED, NOW.plus(Duration.ofHours(1)));
        assertTrue(announcements.cancel(1, "by o", NOW));
        assertEquals(List.of(), new AnnouncementDispatcher(announcements, fanOuts::add,
                Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC)).dispatchDue());
        assertTrue(fanOuts.isEmpty());
    }

    @Test
    void aLaterScheduleIsDispatchedWhenItsTimeComes() {
        put(1, SCHEDULED, NOW.plus(Duration.ofHours(1)));
        assertEquals(List.of(), dispatcher.dispatchDue());
        AnnouncementDispatcher inAnHour = new AnnouncementDispatcher(announcements, fanOuts::add,
                Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertEquals(List.of(1), inAnHour.dispatchDue());
    }

    @Test
    void aBacklogIsDispatchedABatchAtATime() {
        for (int i = 1; i <= AnnouncementDispatcher.BATCH + 5; i++) {
            put(i, SCHEDULED, NOW.minusSeconds(1000 - i));
        }
        assertEquals(AnnouncementDispatcher.BATCH, dispatcher.dispatchDue().size());
        assertEquals(1, fanOuts.get(0), "the earliest first");
    }
}
