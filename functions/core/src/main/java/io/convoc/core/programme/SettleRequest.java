package io.convoc.core.programme;

/** "Settle this session's quiet window if its latest edit is still this version": the delayed message. */
public record SettleRequest(String eventId, String sessionId, int version) {
}
