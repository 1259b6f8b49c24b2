package io.convoc.core.ports;

import io.convoc.core.announcements.Announcement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Announcements and where they stand. Every change of state is conditional on the states it may follow; the
 * counters are not written here but with the notices they count (see {@link NotificationRepository}).
 */
public interface AnnouncementRepository {

    /** A new announcement number, never given before (1, 2, 3…). */
    int nextNumber();

    void create(Announcement announcement);

    Optional<Announcement> find(int number);

    /** Announcements, newest first; of one event when {@code eventId} is not null. */
    Page<Announcement> list(String eventId, String cursor, int limit);

    /** DRAFT → SCHEDULED, to go out at {@code scheduledFor} (now for "send now"); false when not a draft. */
    boolean schedule(int number, Instant scheduledFor, Instant at);

    /** SCHEDULED → SENDING, out of the due index; false when not SCHEDULED (started already, or cancelled). */
    boolean startSending(int number, Instant at);

    /** DRAFT, SCHEDULED or SENDING → CANCELLED; false when it was SENT or CANCELLED already. */
    boolean cancel(int number, String reason, Instant at);

    /** SCHEDULED announcements due at {@code now}, earliest first (an index, no scan). */
    List<Announcement> due(Instant now, int limit);

    /**
     * Saves the fan-out's position, only if it still stands at {@code expected} and the announcement is SENDING: a
     * second fan-out running the same page cannot move it twice.
     *
     * @param next null on the last page ({@code done})
     */
    boolean saveFanOut(int number, String expected, String next, boolean done, Instant at);

    /** SENDING → SENT when the fan-out is done and no queued notice is left with the senders. */
    boolean finishIfDone(int number, Instant at);
}
