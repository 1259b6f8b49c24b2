package io.convoc.core.programme;

import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.ports.ProgrammeChangeQueue;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * From a session's edits to the people they concern, in three steps, each safe to run twice:
 * <ol>
 * <li>{@link #onSessionEdited}: an edit a person would see opens (or extends) the session's quiet window, keeping
 *     the session as it was before the window's first edit, and asks for the window to be settled after the quiet
 *     period;</li>
 * <li>{@link #settle}: when the window's latest edit is still the latest, the net change (baseline → now) is
 *     recorded under a new number, or the window is closed silently when the edits cancelled out;</li>
 * <li>the fan-out marks every registration the change concerns (a workshop's participants, or everyone for a
 *     plenary), page by page from an index, with its position saved after each page: a run killed half way resumes
 *     from the last saved page, and marking twice changes nothing. A marked registration gets a new letter, then
 *     the change notices ({@code ScheduleChangeNotices}).</li>
 * </ol>
 */
public class ScheduleChanges {
    static final int PAGE = 100;

    private final ProgrammeRepository programmes;
    private final ProgrammeChangeLog log;
    private final ProgrammeChangeQueue queue;
    private final RegistrationRepository registrations;
    private final Duration quietWindow;
    private final Clock clock;

    public ScheduleChanges(ProgrammeRepository programmes, ProgrammeChangeLog log, ProgrammeChangeQueue queue,
                           RegistrationRepository registrations, Duration quietWindow, Clock clock) {
        this.programmes = programmes;
        this.log = log;
        this.queue = queue;
        this.registrations = registrations;
        this.quietWindow = quietWindow;
        this.clock = clock;
    }

    public enum Outcome {
        /** Nothing a person sees changed. */
        INVISIBLE,
        /** The quiet window is open (or extended) until the settlement. */
        WINDOW_OPEN,
        /** A later edit of the session will settle the window. */
        SUPERSEDED,
        /** The window's edits cancelled out: nobody hears of them. */
        REVERTED,
        /** Everyone concerned is marked. */
        FANNED_OUT,
        /** Time ran out: the fan-out continues from its saved position with the next request. */
        MORE
    }

    /** A session's stream record: {@code before} is null when the edit created the session. */
    public Outcome onSessionEdited(String eventId, ProgrammeSession before, ProgrammeSession after) {
        if (before != null && before.visible().equals(after.visible())) {
            return Outcome.INVISIBLE;
        }
        log.recordEdit(eventId, after.id(), before, after.version(), clock.instant());
        queue.settleAfter(new SettleRequest(eventId, after.id(), after.version()), quietWindow);
        return Outcome.WINDOW_OPEN;
    }

    /**
     * Settles a window whose quiet period has passed, then fans the change out while {@code moreTime} says so.
     * When it answers {@link Outcome#MORE}, the caller hands the same request back (no delay).
     */
    public Outcome settle(SettleRequest request, BooleanSupplier moreTime) {
        Optional<ProgrammeChange> recorded = log.changeAt(request.eventId(), request.sessionId(), request.version());
        if (recorded.isPresent()) {
            return fanOut(recorded.get(), moreTime);
        }
        Optional<PendingEdit> pending = log.pending(request.eventId(), request.sessionId());
        if (pending.isEmpty() || pending.get().latestVersion() != request.version()) {
            return Outcome.SUPERSEDED;
        }
        Programme programme = programmes.find(request.eventId()).orElse(null);
        ProgrammeSession now = programme == null ? null : programme.session(request.sessionId()).orElse(null);
        if (now == null || now.version() != request.version()) {
            return Outcome.SUPERSEDED; // a later edit is on its way through the stream
        }
        ProgrammeSession baseline = pending.get().baseline();
        if (ProgrammeChange.between(baseline, now).isEmpty()) {
            log.discard(request.eventId(), request.sessionId(), request.version());
            return Outcome.REVERTED;
        }
        ProgrammeChange change = new ProgrammeChange(request.eventId(), log.nextChangeNumber(request.eventId()),
                request.sessionId(), baseline, now, now.version(), pending.get().openedAt(), clock.instant(),
                ProgrammeChange.FanOut.START);
        if (!log.close(change)) {
            // another settlement closed it (go on with its change), or a later edit moved the window on
            return log.changeAt(request.eventId(), request.sessionId(), request.version())
                    .map(c -> fanOut(c, moreTime)).orElse(Outcome.SUPERSEDED);
        }
        return fanOut(change, moreTime);
    }

    private Outcome fanOut(ProgrammeChange change, BooleanSupplier moreTime) {
        ProgrammeChange.FanOut progress = change.fanOut();
        RegistrationQuery audience = new RegistrationQuery(null, change.workshop().orElse(null));
        for (int pages = 0; !progress.done(); pages++) {
            if (pages > 0 && !moreTime.getAsBoolean()) {
                return Outcome.MORE;
            }
            Page<Registration> page = registrations.list(change.eventId(), audience, progress.cursor(), PAGE);
            for (Registration r : page.items()) {
                if (change.concernsRegistrationOf(r.createdAt())) {
                    registrations.markScheduleChanged(r.id(), change.number(), change.at());
                }
            }
            progress = new ProgrammeChange.FanOut(page.nextCursor(), progress.concerned() + (int) page.items().stream()
                    .filter(r -> change.concernsRegistrationOf(r.createdAt())).count(),
                    page.nextCursor() == null);
            log.saveFanOut(change.eventId(), change.number(), progress);
        }
        return Outcome.FANNED_OUT;
    }
}
