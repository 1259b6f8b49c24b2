package io.convoc.core.programme;

import io.convoc.core.event.ProgrammeSession;

/** An edit named a version that is no longer the session's: someone else saved first. Carries the session as it is. */
public class StaleSession extends RuntimeException {
    private final ProgrammeSession current;
    private final int expectedVersion;

    public StaleSession(ProgrammeSession current, int expectedVersion) {
        super("session " + current.id() + " is at version " + current.version() + ", not " + expectedVersion);
        this.current = current;
        this.expectedVersion = expectedVersion;
    }

    public ProgrammeSession current() {
        return current;
    }

    public int expectedVersion() {
        return expectedVersion;
    }
}
