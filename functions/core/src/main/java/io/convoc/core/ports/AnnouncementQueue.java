package io.convoc.core.ports;

/** Where the announcement fan-out's work is asked for (a queue in AWS): a start, or a continuation. */
public interface AnnouncementQueue {
    void fanOut(int announcementNumber);
}
