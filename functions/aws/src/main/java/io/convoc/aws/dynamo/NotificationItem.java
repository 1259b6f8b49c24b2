package io.convoc.aws.dynamo;

import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A notice as stored in the notifications table (one partition per registration). */
public final class NotificationItem {
    public static final String BY_PROVIDER_MESSAGE_ID = "byProviderMessageId";
    /**
     * Sparse index of the SENDING notices by lease expiry: only a leased notice has {@code leaseBucket} (the
     * constant {@link #LEASED}); leaving SENDING removes it, so the reconciler reads only the expired leases.
     */
    public static final String BY_SENDING_LEASE = "bySendingLease";
    static final String LEASED = "SENDING";

    String registrationId;
    String notificationId;
    String eventId;
    String kind;
    String channel;
    Integer contentVersion;
    String destination;
    String status;
    String statusReason;
    String providerMessageId;
    String lastError;
    Integer attempts;
    Integer parts;
    String language;
    String createdAt;
    String updatedAt;
    /** While SENDING: the lease's end, epoch milliseconds (a number, so that the index sorts it). */
    Long leaseUntil;
    String leaseBucket;
    String handedOverAt;

    static final StaticTableSchema<NotificationItem> SCHEMA = schema();

    private static StaticTableSchema<NotificationItem> schema() {
        StaticTableSchema.Builder<NotificationItem> b = StaticTableSchema.builder(NotificationItem.class)
                .newItemSupplier(NotificationItem::new)
                .addAttribute(String.class, a -> a.name("registrationId").getter(i -> i.registrationId)
                        .setter((i, v) -> i.registrationId = v).tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("notificationId").getter(i -> i.notificationId)
                        .setter((i, v) -> i.notificationId = v).tags(StaticAttributeTags.primarySortKey()))
                .addAttribute(String.class, a -> a.name("providerMessageId").getter(i -> i.providerMessageId)
                        .setter((i, v) -> i.providerMessageId = v)
                        .tags(StaticAttributeTags.secondaryPartitionKey(BY_PROVIDER_MESSAGE_ID)))
                .addAttribute(Integer.class, a -> a.name("contentVersion").getter(i -> i.contentVersion)
                        .setter((i, v) -> i.contentVersion = v))
                .addAttribute(Integer.class, a -> a.name("attempts").getter(i -> i.attempts)
                        .setter((i, v) -> i.attempts = v))
                .addAttribute(Integer.class, a -> a.name("parts").getter(i -> i.parts)
                        .setter((i, v) -> i.parts = v))
                .addAttribute(String.class, a -> a.name("leaseBucket").getter(i -> i.leaseBucket)
                        .setter((i, v) -> i.leaseBucket = v)
                        .tags(StaticAttributeTags.secondaryPartitionKey(BY_SENDING_LEASE)))
                .addAttribute(Long.class, a -> a.name("leaseUntil").getter(i -> i.leaseUntil)
                        .setter((i, v) -> i.leaseUntil = v)
                        .tags(StaticAttributeTags.secondarySortKey(BY_SENDING_LEASE)));
        string(b, "language", i -> i.language, (i, v) -> i.language = v);
        string(b, "eventId", i -> i.eventId, (i, v) -> i.eventId = v);
        string(b, "kind", i -> i.kind, (i, v) -> i.kind = v);
        string(b, "channel", i -> i.channel, (i, v) -> i.channel = v);
        string(b, "destination", i -> i.destination, (i, v) -> i.destination = v);
        string(b, "status", i -> i.status, (i, v) -> i.status = v);
        string(b, "statusReason", i -> i.statusReason, (i, v) -> i.statusReason = v);
        string(b, "lastError", i -> i.lastError, (i, v) -> i.lastError = v);
        string(b, "createdAt", i -> i.createdAt, (i, v) -> i.createdAt = v);
        string(b, "updatedAt", i -> i.updatedAt, (i, v) -> i.updatedAt = v);
        string(b, "handedOverAt", i -> i.handedOverAt, (i, v) -> i.handedOverAt = v);
        return b.build();
    }

    private static void string(StaticTableSchema.Builder<NotificationItem> b, String name,
                               Function<NotificationItem, String> get, BiConsumer<NotificationItem, String> set) {
        b.addAttribute(String.class, a -> a.name(name).getter(get).setter(set));
    }

    static NotificationItem from(Notification n) {
        NotificationItem i = new NotificationItem();
        i.registrationId = n.registrationId();
        i.notificationId = n.id();
        i.eventId = n.eventId();
        i.kind = n.kind().name();
        i.channel = n.channel().name();
        i.contentVersion = n.contentVersion();
        i.destination = n.destination();
        i.status = n.status().name();
        i.statusReason = n.statusReason();
        i.providerMessageId = n.providerMessageId();
        i.lastError = n.lastError();
        i.attempts = n.attempts();
        i.parts = n.parts();
        i.language = n.language() == null ? null : n.language().name();
        i.createdAt = n.createdAt().toString();
        i.updatedAt = n.updatedAt().toString();
        if (n.status() == DeliveryStatus.SENDING && n.leaseUntil() != null) {
            i.leaseUntil = n.leaseUntil().toEpochMilli();
            i.leaseBucket = LEASED;
        }
        i.handedOverAt = n.handedOverAt() == null ? null : n.handedOverAt().toString();
        return i;
    }

    Notification toNotification() {
        return new Notification(notificationId, registrationId, eventId, NoticeKind.valueOf(kind),
                Channel.valueOf(channel), contentVersion == null ? 1 : contentVersion,
                language == null ? null : Language.valueOf(language), destination,
                DeliveryStatus.valueOf(status), statusReason, providerMessageId, lastError,
                attempts == null ? 0 : attempts, parts == null ? 0 : parts, Instant.parse(createdAt),
                Instant.parse(updatedAt), leaseUntil == null ? null : Instant.ofEpochMilli(leaseUntil),
                handedOverAt == null ? null : Instant.parse(handedOverAt));
    }
}
