package io.convoc.core.programme;

/**
 * A session as an organizer writes it, as typed (validated by {@link ProgrammeEditor}). Times are local to the
 * event, ISO-8601 ({@code 2024-12-20T15:00}).
 *
 * @param id     for a new session, its id (letters, digits and dashes), or null to derive one from the French title
 * @param status {@code SCHEDULED} or {@code CANCELLED}; null keeps the current one (scheduled for a new session)
 */
public record SessionDraft(String id, String kind, String titleFr, String titleAr, String start, String end,
                           String roomFr, String roomAr, String status) {
}
