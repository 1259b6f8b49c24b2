package io.convoc.core.event;

public class UnknownEvent extends RuntimeException {
    private final String eventId;

    public UnknownEvent(String eventId) {
        super("no event " + eventId);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
