package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.programme.ChangeKind;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.core.registration.Registration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "The programme changed": which session, what changed in it (before and after), the sessions the invitee attends
 * now, and their updated letter.
 *
 * @param programme the programme as it stands when the notice is written (what "your sessions" lists)
 * @param change    the net change of one session the invitee attends (or attended, when it is cancelled)
 */
public record ScheduleChange(Programme programme, Registration registration, ProgrammeChange change)
        implements Notice {
    // a session that is cancelled, new or back needs no before/after: its state says it all
    private static final List<ChangeKind> STATES = List.of(ChangeKind.CANCELLED, ChangeKind.ADDED, ChangeKind.REINSTATED);
    private static final List<ChangeKind> DIFFERENCES = List.of(ChangeKind.TIME, ChangeKind.ROOM, ChangeKind.TITLE);

    public ScheduleChange {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(change, "change");
        String event = programme.event().id();
        if (!registration.eventId().equals(event) || !change.eventId().equals(event)) {
            throw new IllegalArgumentException("registration " + registration.id() + " (event " + registration.eventId()
                    + ") and programme change " + change.number() + " (event " + change.eventId()
                    + ") are not both for event " + event);
        }
        if (change.kinds().isEmpty()) {
            throw new IllegalArgumentException("programme change " + change.number() + " changes nothing a person sees");
        }
    }

    @Override
    public NoticeKind kind() {
        return NoticeKind.SCHEDULE_CHANGE;
    }

    /** The session as the change left it (its title, kind and, unless it is cancelled, its new slot and room). */
    public ProgrammeSession session() {
        return change.after();
    }

    /** The session before the change; empty for a new session. */
    public Optional<ProgrammeSession> before() {
        return Optional.ofNullable(change.before());
    }

    /** CANCELLED, ADDED or REINSTATED when the session's existence changed; empty when it only moved or was renamed. */
    public Optional<ChangeKind> state() {
        Set<ChangeKind> kinds = change.kinds();
        return STATES.stream().filter(kinds::contains).findFirst();
    }

    /** What moved, in reading order (TIME, ROOM, TITLE); empty when {@link #state()} says it all. */
    public List<ChangeKind> differences() {
        if (state().isPresent()) {
            return List.of();
        }
        Set<ChangeKind> kinds = change.kinds();
        return DIFFERENCES.stream().filter(kinds::contains).toList();
    }

    public boolean isCancellation() {
        return state().filter(k -> k == ChangeKind.CANCELLED).isPresent();
    }
}
