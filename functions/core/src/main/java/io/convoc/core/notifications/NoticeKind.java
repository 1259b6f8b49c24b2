package io.convoc.core.notifications;

/** Why a person is written to. */
public enum NoticeKind {
    /** Registration confirmed, invitation letter attached. */
    CONFIRMATION,
    /** A session the person attends moved (programme change). */
    SCHEDULE_CHANGE,
    /** An organizers' mass announcement. */
    ANNOUNCEMENT
}
