package io.convoc.core.event;

import java.time.LocalDateTime;
import java.util.Objects;

/** One slot of an event's programme: a plenary or a workshop, with its room. Times are local to the event. */
public record ProgrammeSession(
        String id,
        SessionKind kind,
        Bilingual title,
        LocalDateTime start,
        LocalDateTime end,
        Bilingual room) {

    public ProgrammeSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("session " + id + " ends before it starts");
        }
    }

    public boolean isWorkshop() {
        return kind == SessionKind.WORKSHOP;
    }
}
