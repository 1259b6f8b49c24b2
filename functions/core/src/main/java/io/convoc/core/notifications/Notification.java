package io.convoc.core.notifications;

import io.convoc.core.event.Language;

import java.time.Instant;
import java.util.Objects;

/**
 * One notice to one person on one channel. Its id is derived from (registration, kind, channel, content
 * version), so a retried or duplicated trigger finds the notice it already created instead of making another.
 *
 * @param contentVersion what the notice is about, versioned: the letter version for a confirmation, the
 *                       programme change or announcement number later
 * @param language       for an SMS, the one language it is written in (a person who reads both gets one SMS
 *                       per language, each its own notice, so that a retry never sends one twice); null for e-mail
 * @param parts          what the provider bills: SMS parts once sent (e-mail: 1)
 * @param lastError      the last retryable failure, kept so that a notice that ends FAILED says why
 * @param leaseUntil     while SENDING: until when the attempt that claimed it owns it; after that another
 *                       attempt (or the reconciler) may take it back. Null outside SENDING
 * @param handedOverAt   while SENDING: when the attempt started the provider call (from then on the provider may
 *                       have accepted the notice even if no answer is recorded). Null before
 */
public record Notification(
        String id,
        String registrationId,
        String eventId,
        NoticeKind kind,
        Channel channel,
        int contentVersion,
        Language language,
        String destination,
        DeliveryStatus status,
        String statusReason,
        String providerMessageId,
        String lastError,
        int attempts,
        int parts,
        Instant createdAt,
        Instant updatedAt,
        Instant leaseUntil,
        Instant handedOverAt) {

    /** A notice with no sending lease (any status but SENDING). */
    public Notification(String id, String registrationId, String eventId, NoticeKind kind, Channel channel,
                        int contentVersion, Language language, String destination, DeliveryStatus status,
                        String statusReason, String providerMessageId, String lastError, int attempts, int parts,
                        Instant createdAt, Instant updatedAt) {
        this(id, registrationId, eventId, kind, channel, contentVersion, language, destination, status, statusReason,
                providerMessageId, lastError, attempts, parts, createdAt, updatedAt, null, null);
    }

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }

    public static String idOf(String registrationId, NoticeKind kind, Channel channel, int contentVersion,
                              Language language) {
        return kind.name() + "#" + channel.name() + (language == null ? "" : "-" + language.name()) + "#v"
                + contentVersion + "#" + registrationId;
    }

    /**
     * The announcement a notice id belongs to ({@code ANNOUNCEMENT#<channel>#v<number>#<registration>}): adapters
     * count an announcement's notices from their ids alone.
     */
    public static java.util.OptionalInt announcementOf(String notificationId) {
        String prefix = NoticeKind.ANNOUNCEMENT.name() + "#";
        if (notificationId == null || !notificationId.startsWith(prefix)) {
            return java.util.OptionalInt.empty();
        }
        String[] parts = notificationId.split("#", 4);
        if (parts.length < 4 || !parts[2].startsWith("v")) {
            return java.util.OptionalInt.empty();
        }
        try {
            return java.util.OptionalInt.of(Integer.parseInt(parts[2].substring(1)));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** A notice never sent: its address is suppressed (it says why), so it is written in its final status. */
    public static Notification suppressed(String registrationId, String eventId, NoticeKind kind, Channel channel,
                                          int contentVersion, Language language, String destination, String reason,
                                          Instant now) {
        return new Notification(idOf(registrationId, kind, channel, contentVersion, language), registrationId,
                eventId, kind, channel, contentVersion, language, destination, DeliveryStatus.SUPPRESSED, reason, null,
                null, 0, 0, now, now);
    }

    public static Notification queued(String registrationId, String eventId, NoticeKind kind, Channel channel,
                                      int contentVersion, Language language, String destination, Instant now) {
        return new Notification(idOf(registrationId, kind, channel, contentVersion, language), registrationId,
                eventId, kind, channel, contentVersion, language, destination, DeliveryStatus.QUEUED, null, null, null,
                0, 0, now, now);
    }
}
