package io.convoc.core.announcements;

/** The announcement is not in a state that allows what was asked (sending a cancelled one, cancelling a sent one). */
public class AnnouncementConflict extends RuntimeException {
    private final Announcement current;
    private final String action;

    public AnnouncementConflict(Announcement current, String action) {
        super("announcement " + current.id() + " is " + current.state() + ": cannot " + action + " it");
        this.current = current;
        this.action = action;
    }

    public Announcement current() {
        return current;
    }

    /** {@code send} or {@code cancel}. */
    public String action() {
        return action;
    }
}
