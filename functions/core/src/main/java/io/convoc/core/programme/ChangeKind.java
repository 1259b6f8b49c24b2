package io.convoc.core.programme;

/** What a person sees change in a session. */
public enum ChangeKind {
    /** The session did not exist before (a new plenary is in everyone's programme). */
    ADDED,
    CANCELLED,
    /** A cancelled session takes place again. */
    REINSTATED,
    /** Its day, start or end time. */
    TIME,
    ROOM,
    TITLE
}
