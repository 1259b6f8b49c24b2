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
                        .setter((i, v) -> i.parts = v));
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
        return i;
    }

    Notification toNotification() {
        return new Notification(notificationId, registrationId, eventId, NoticeKind.valueOf(kind),
                Channel.valueOf(channel), contentVersion == null ? 1 : contentVersion,
                language == null ? null : Language.valueOf(language), destination,
                DeliveryStatus.valueOf(status), statusReason, providerMessageId, lastError,
                attempts == null ? 0 : attempts, parts == null ? 0 : parts, Instant.parse(createdAt),
                Instant.parse(updatedAt));
    }
}
