package io.convoc.core.programme;

public class UnknownSession extends RuntimeException {
    private final String sessionId;

    public UnknownSession(String eventId, String sessionId) {
        super("no session " + sessionId + " in event " + eventId);
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
