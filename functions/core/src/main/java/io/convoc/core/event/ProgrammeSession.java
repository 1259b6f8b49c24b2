package io.convoc.core.event;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One slot of an event's programme: a plenary or a workshop, with its room. Times are local to the event.
 *
 * @param status  cancelled sessions stay in the programme (letters and notices say what happened)
 * @param version 1 when created, incremented by every edit: an organizer's write names the version it edits,
 *                and calendars use it as the event's SEQUENCE
 */
public record ProgrammeSession(
        String id,
        SessionKind kind,
        Bilingual title,
        LocalDateTime start,
        LocalDateTime end,
        Bilingual room,
        SessionStatus status,
        int version) {

    public ProgrammeSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        title = title == null ? Bilingual.of("", "") : title;
        room = room == null ? Bilingual.of("", "") : room;
        status = status == null ? SessionStatus.SCHEDULED : status;
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("session " + id + " ends before it starts");
        }
        if (version < 1) {
            throw new IllegalArgumentException("session " + id + " has version " + version);
        }
    }

    /** A scheduled session at its first version. */
    public ProgrammeSession(String id, SessionKind kind, Bilingual title, LocalDateTime start, LocalDateTime end,
                            Bilingual room) {
        this(id, kind, title, start, end, room, SessionStatus.SCHEDULED, 1);
    }

    public boolean isWorkshop() {
        return kind == SessionKind.WORKSHOP;
    }

    public boolean isCancelled() {
        return status == SessionStatus.CANCELLED;
    }

    public ProgrammeSession withVersion(int newVersion) {
        return new ProgrammeSession(id, kind, title, start, end, room, status, newVersion);
    }

    /** What a person sees of the session: two sessions that differ only in version look the same. */
    public List<Object> visible() {
        return List.of(kind, title, start, end, room, status);
    }

    /** Both run in the same room (same French or Arabic name) at times that overlap, and neither is cancelled. */
    public boolean clashesWith(ProgrammeSession other) {
        if (other.id.equals(id) || isCancelled() || other.isCancelled()) {
            return false;
        }
        boolean sameRoom = same(room.fr(), other.room.fr()) || same(room.ar(), other.room.ar());
        return sameRoom && start.isBefore(other.end) && other.start.isBefore(end);
    }

    private static boolean same(String a, String b) {
        return !a.isBlank() && a.strip().equalsIgnoreCase(b.strip());
    }
}
