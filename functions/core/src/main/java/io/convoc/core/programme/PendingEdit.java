package io.convoc.core.programme;

import io.convoc.core.event.ProgrammeSession;

/**
 * A session's open quiet window: the session as it was before the window's first edit ({@code baseline}, null when
 * the session was created in the window), when the window opened, and the version of its latest edit.
 */
public record PendingEdit(String eventId, String sessionId, ProgrammeSession baseline, java.time.Instant openedAt,
                          int latestVersion) {
}
