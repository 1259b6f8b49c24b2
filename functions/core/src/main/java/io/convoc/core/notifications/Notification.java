package io.convoc.core.notifications;

import java.time.Instant;
import java.util.Objects;

/**
 * One notice to one person on one channel. Its id is derived from (registration, kind, channel, content
 * version), so a retried or duplicated trigger finds the notice it already created instead of making another.
 *
 * @param contentVersion what the notice is about, versioned: the letter version for a confirmation, the
 *                       programme change or announcement number later
 * @param lastError      the last retryable failure, kept so that a notice that ends FAILED says why
 */
public record Notification(
        String id,
        String registrationId,
        String eventId,
        NoticeKind kind,
        Channel channel,
        int contentVersion,
        String destination,
        DeliveryStatus status,
        String statusReason,
        String providerMessageId,
        String lastError,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }

    public static String idOf(String registrationId, NoticeKind kind, Channel channel, int contentVersion) {
        return kind.name() + "#" + channel.name() + "#v" + contentVersion + "#" + registrationId;
    }

    public static Notification queued(String registrationId, String eventId, NoticeKind kind, Channel channel,
                                      int contentVersion, String destination, Instant now) {
        return new Notification(idOf(registrationId, kind, channel, contentVersion), registrationId, eventId, kind,
                channel, contentVersion, destination, DeliveryStatus.QUEUED, null, null, null, 0, now, now);
    }
}
