package io.convoc.core.programme;

import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The net change of one session once its quiet window closed: what it was when the first edit of the window came
 * ({@code before}, null for a new session) and what it is now ({@code after}). Numbered per event (1, 2, …): the
 * number is the content version of the notices it leads to and of the letters that show it.
 *
 * @param sessionVersion the session's version when the window closed (a replayed settlement finds the change by it)
 * @param since          when the window's first edit was made: people who registered later got a first letter that
 *                       shows the change already, so it does not concern them
 * @param fanOut         how far the marking of the people concerned has gone (resumable)
 */
public record ProgrammeChange(String eventId, int number, String sessionId, ProgrammeSession before,
                              ProgrammeSession after, int sessionVersion, Instant since, Instant at, FanOut fanOut) {

    /** Where the marking of the concerned registrations stands: the next page's cursor, how many were marked. */
    public record FanOut(String cursor, int concerned, boolean done) {
        public static final FanOut START = new FanOut(null, 0, false);
    }

    public ProgrammeChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(since, "since");
        fanOut = fanOut == null ? FanOut.START : fanOut;
        if (number < 1) {
            throw new IllegalArgumentException("change number " + number);
        }
    }

    /** What a person sees change; empty when nothing visible did (an edit reverted inside its window). */
    public static Set<ChangeKind> between(ProgrammeSession before, ProgrammeSession after) {
        EnumSet<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        if (before == null) {
            if (!after.isCancelled()) {
                kinds.add(ChangeKind.ADDED);
            }
            return kinds;
        }
        if (!before.isCancelled() && after.isCancelled()) {
            kinds.add(ChangeKind.CANCELLED);
        } else if (before.isCancelled() && !after.isCancelled()) {
            kinds.add(ChangeKind.REINSTATED);
        }
        if (!before.start().equals(after.start()) || !before.end().equals(after.end())) {
            kinds.add(ChangeKind.TIME);
        }
        if (!before.room().equals(after.room())) {
            kinds.add(ChangeKind.ROOM);
        }
        if (!before.title().equals(after.title())) {
            kinds.add(ChangeKind.TITLE);
        }
        if (before.isCancelled() && after.isCancelled()) {
            kinds.clear(); // edits to a session that stays cancelled concern nobody
        }
        return kinds;
    }

    public Set<ChangeKind> kinds() {
        return between(before, after);
    }

    /** A plenary is in everyone's programme; a workshop only in its participants'. */
    public boolean concernsEveryone() {
        return after.kind() == SessionKind.PLENARY || (before != null && before.kind() == SessionKind.PLENARY);
    }

    /** The workshop whose participants it concerns, when it does not concern everyone. */
    public Optional<String> workshop() {
        return concernsEveryone() ? Optional.empty() : Optional.of(sessionId);
    }

    /** Whether the change concerns a registration made at {@code registeredAt} (one made before the first edit). */
    public boolean concernsRegistrationOf(Instant registeredAt) {
        return registeredAt.isBefore(since);
    }

    public ProgrammeChange withFanOut(FanOut progress) {
        return new ProgrammeChange(eventId, number, sessionId, before, after, sessionVersion, since, at, progress);
    }
}
