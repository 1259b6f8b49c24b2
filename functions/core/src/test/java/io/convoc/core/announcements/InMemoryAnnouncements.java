package io.convoc.core.announcements;

import io.convoc.core.event.Bilingual;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.InMemoryNotifications;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.Page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The announcement store in memory, with the same conditional writes as the table: each change of state only from
 * the states it may follow ({@link AnnouncementState#allowedFrom()}), the fan-out's position only from the position
 * expected. {@link #failSaveFanOut} makes the next saves of the position throw, as a run killed before it saves would.
 * Given the notices' store, "no queued notice left with the senders" is read from it (the table reads its counters).
 */
public class InMemoryAnnouncements implements AnnouncementRepository {
    private final Map<Integer, Announcement> byNumber = new TreeMap<>();
    private final InMemoryNotifications notices;
    private int last;
    /** How many {@code saveFanOut} calls still throw. */
    public int failSaveFanOut;

    public InMemoryAnnouncements() {
        this(null);
    }

    public InMemoryAnnouncements(InMemoryNotifications notices) {
        this.notices = notices;
    }

    /** An announcement in any state, for a test to set up. */
    public static Announcement announcement(int number, AnnouncementState state, Instant scheduledFor,
                                            Set<Channel> channels, Audience audience) {
        Instant at = Instant.parse("2026-11-30T09:00:00Z");
        return new Announcement(number, "assises-2024", Bilingual.of("Information", "إخبار"),
                Bilingual.of("Bonjour ((name)),\nLe programme a changé.", "السيد(ة) ((name))،\nتغير البرنامج."),
                Bilingual.of("Convoc : le programme a changé.", "تغير البرنامج."), channels, audience, state,
                scheduledFor, "organizer@example.ma", at, at, null, null, false, null);
    }

    /** Stores an announcement as is (any state). */
    public synchronized void put(Announcement a) {
        byNumber.put(a.number(), a);
        last = Math.max(last, a.number());
    }

    public synchronized List<Announcement> all() {
        return List.copyOf(byNumber.values());
    }

    @Override
    public synchronized int nextNumber() {
        return ++last;
    }

    @Override
    public synchronized void create(Announcement announcement) {
        if (byNumber.putIfAbsent(announcement.number(), announcement) != null) {
            throw new IllegalStateException("announcement " + announcement.number() + " exists already");
        }
    }

    @Override
    public synchronized Optional<Announcement> find(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    @Override
    public synchronized Page<Announcement> list(String eventId, String cursor, int limit) {
        List<Announcement> all = byNumber.values().stream()
                .filter(a -> eventId == null || a.eventId().equals(eventId))
                .sorted(Comparator.comparingInt(Announcement::number).reversed()).toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
    }

    private boolean move(int number, AnnouncementState to, Instant at, UnaryOperator<Announcement> change) {
        Announcement a = byNumber.get(number);
        if (a == null || !to.allowedFrom().contains(a.state())) {
            return false;
        }
        Announcement changed = change.apply(a);
        byNumber.put(number, copy(changed, to, changed.scheduledFor(), at, changed.fanOutCursor(),
                changed.fanOutDone(), changed.stateReason()));
        return true;
    }

    private static Announcement copy(Announcement a, AnnouncementState state, Instant scheduledFor, Instant at,
                                     String cursor, boolean done, String reason) {
        return new Announcement(a.number(), a.eventId(), a.subject(), a.body(), a.sms(), a.channels(), a.audience(),
                state, scheduledFor, a.createdBy(), a.createdAt(), at, a.counters(), cursor, done, reason);
    }

    @Override
    public synchronized boolean schedule(int number, Instant scheduledFor, Instant at) {
        return move(number, AnnouncementState.SCHEDULED, at,
                a -> copy(a, a.state(), scheduledFor, at, a.fanOutCursor(), a.fanOutDone(), a.stateReason()));
    }

    @Override
    public synchronized boolean startSending(int number, Instant at) {
        return move(number, AnnouncementState.SENDING, at, a -> a);
    }

    @Override
    public synchronized boolean cancel(int number, String reason, Instant at) {
        return move(number, AnnouncementState.CANCELLED, at,
                a -> copy(a, a.state(), a.scheduledFor(), at, a.fanOutCursor(), a.fanOutDone(), reason));
    }

    @Override
    public synchronized List<Announcement> due(Instant now, int limit) {
        return byNumber.values().stream()
                .filter(a -> a.state() == AnnouncementState.SCHEDULED && a.scheduledFor() != null
                        && !a.scheduledFor().isAfter(now))
                .sorted(Comparator.comparing(Announcement::scheduledFor).thenComparing(Announcement::number))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean saveFanOut(int number, String expected, String next, boolean done, Instant at) {
        if (failSaveFanOut > 0) {
            failSaveFanOut--;
            throw new IllegalStateException("killed before saving the fan-out's position (injected)");
        }
        Announcement a = byNumber.get(number);
        if (a == null || a.state() != AnnouncementState.SENDING || a.fanOutDone()
                || !Objects.equals(a.fanOutCursor(), expected)) {
            return false;
        }
        byNumber.put(number, copy(a, a.state(), a.scheduledFor(), at, done ? null : next, done, a.stateReason()));
        return true;
    }

    @Override
    public synchronized boolean finishIfDone(int number, Instant at) {
        Announcement a = byNumber.get(number);
        if (a == null || a.state() != AnnouncementState.SENDING || !a.fanOutDone() || outstanding(number) > 0) {
            return false;
        }
        return move(number, AnnouncementState.SENT, at, x -> x);
    }

    /** Notices of the announcement still QUEUED or SENDING. */
    private long outstanding(int number) {
        if (notices == null) {
            return 0;
        }
        List<Notification> mine = new ArrayList<>(notices.all().stream()
                .filter(n -> Notification.announcementOf(n.id()).orElse(-1) == number).toList());
        return mine.stream().filter(n -> n.status() == DeliveryStatus.QUEUED
                || n.status() == DeliveryStatus.SENDING).count();
    }
}
