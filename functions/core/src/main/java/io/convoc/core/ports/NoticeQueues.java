package io.convoc.core.ports;

import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeMessage;

/** The queues the senders consume, one per channel. */
public interface NoticeQueues {
    void enqueue(Channel channel, NoticeMessage message);

    /** Several messages for one channel; adapters send them in batches. */
    default void enqueueAll(Channel channel, java.util.List<NoticeMessage> messages) {
        messages.forEach(m -> enqueue(channel, m));
    }
}
