package io.convoc.core.announcements;

/** No announcement has this id. */
public class UnknownAnnouncement extends RuntimeException {
    private final String id;

    public UnknownAnnouncement(String id) {
        super("no announcement " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
