package io.convoc.core.event;

/** Whether a session takes place. A session is never deleted: cancelling it keeps it, so that letters and notices can say so. */
public enum SessionStatus {
    SCHEDULED,
    CANCELLED
}
