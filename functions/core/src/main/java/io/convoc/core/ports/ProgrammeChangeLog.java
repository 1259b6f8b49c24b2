package io.convoc.core.ports;

import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.programme.PendingEdit;
import io.convoc.core.programme.ProgrammeChange;

import java.time.Instant;
import java.util.Optional;

/** Sessions' quiet windows and the programme changes they settle into, numbered per event. */
public interface ProgrammeChangeLog {

    /**
     * Opens a session's quiet window, or extends it: the baseline is kept from the window's first edit, the latest
     * version is recorded unless a later one already is (a replayed stream record changes nothing).
     *
     * @param baseline the session before this edit, null when the edit created it
     */
    void recordEdit(String eventId, String sessionId, ProgrammeSession baseline, int version, Instant at);

    Optional<PendingEdit> pending(String eventId, String sessionId);

    /** Closes a window that settled into no visible change, if its latest edit is still {@code version}. */
    boolean discard(String eventId, String sessionId, int version);

    /** A new change number for the event (a number may be lost in a race, never given twice). */
    int nextChangeNumber(String eventId);

    /**
     * Atomically closes the session's window, if its latest edit is still {@code change.sessionVersion()}, and
     * records the change.
     *
     * @return false when the window moved on (a later edit) or was closed by another settlement
     */
    boolean close(ProgrammeChange change);

    /** The change a window settled into at the session version that closed it. */
    Optional<ProgrammeChange> changeAt(String eventId, String sessionId, int sessionVersion);

    Optional<ProgrammeChange> change(String eventId, int number);

    /** Saves how far the change's fan-out has gone. */
    void saveFanOut(String eventId, int number, ProgrammeChange.FanOut progress);
}
