package io.convoc.core.event;

public enum SessionKind {
    /** Everyone invited attends: opening, closing, plenaries. */
    PLENARY,
    /** An invitee chooses among the workshops (ateliers). */
    WORKSHOP
}
