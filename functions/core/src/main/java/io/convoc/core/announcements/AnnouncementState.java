package io.convoc.core.announcements;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an announcement stands: DRAFT (being written) → SCHEDULED (to send now or at {@code scheduledFor}) →
 * SENDING (the fan-out is writing its notices, the senders are sending them) → SENT (every notice was queued and
 * has left the senders' hands); CANCELLED from any state before SENT: whatever was not handed to the provider yet is
 * not sent.
 */
public enum AnnouncementState {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED;

    /** The states an announcement may be in when it moves to this one. */
    public Set<AnnouncementState> allowedFrom() {
        return switch (this) {
            case DRAFT -> EnumSet.noneOf(AnnouncementState.class);
            case SCHEDULED -> EnumSet.of(DRAFT);
            case SENDING -> EnumSet.of(SCHEDULED);
            case SENT -> EnumSet.of(SENDING);
            case CANCELLED -> EnumSet.of(DRAFT, SCHEDULED, SENDING);
        };
    }

    public boolean isFinal() {
        return this == SENT || this == CANCELLED;
    }
}
