package io.convoc.aws.dynamo;

import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.NotificationRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notices in DynamoDB: one partition per registration (its notices in one Query), a sparse index on the
 * provider's message id for delivery reports. Status changes are conditional on the statuses they may follow.
 */
public final class NotificationTable implements NotificationRepository {
    private final DynamoDbClient dynamo;
    private final DynamoDbTable<NotificationItem> table;

    public NotificationTable(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = enhanced.table(tableName, NotificationItem.SCHEMA);
    }

    @Override
    public boolean create(Notification notification) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(NotificationItem.class)
                    .item(NotificationItem.from(notification))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(notificationId)").build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<Notification> find(String registrationId, String notificationId) {
        NotificationItem item = table.getItem(r -> r.key(k -> k.partitionValue(registrationId)
                .sortValue(notificationId)).consistentRead(true));
        return Optional.ofNullable(item).map(NotificationItem::toNotification);
    }

    @Override
    public List<Notification> listFor(String registrationId) {
        List<Notification> out = new ArrayList<>();
        table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(registrationId)
                .build())).consistentRead(true)).items().forEach(i -> out.add(i.toNotification()));
        return out;
    }

    @Override
    public Optional<Notification> findByProviderMessageId(String providerMessageId) {
        for (var page : table.index(NotificationItem.BY_PROVIDER_MESSAGE_ID).query(r -> r.queryConditional(
                QueryConditional.keyEqualTo(Key.builder().partitionValue(providerMessageId).build())).limit(1))) {
            for (NotificationItem i : page.items()) {
                // the index is eventually consistent: read the notice itself for its current status
                return find(i.registrationId, i.notificationId);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean transition(String registrationId, String notificationId, DeliveryStatus to, String reason,
                              String providerMessageId, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", AttributeValue.fromS(to.name()));
        values.put(":at", AttributeValue.fromS(at.toString()));
        List<String> from = new ArrayList<>();
        int i = 0;
        for (DeliveryStatus s : to.allowedFrom()) {
            values.put(":from" + i, AttributeValue.fromS(s.name()));
            from.add(":from" + i++);
        }
        StringBuilder set = new StringBuilder("SET #status = :to, updatedAt = :at, #history.#to = :at");
        if (reason != null) {
            set.append(", statusReason = :reason");
            values.put(":reason", AttributeValue.fromS(reason));
        }
        if (providerMessageId != null) {
            set.append(", providerMessageId = :pid");
            values.put(":pid", AttributeValue.fromS(providerMessageId));
        }
        if (to == DeliveryStatus.SENDING) {
            set.append(" ADD attempts :one");
            values.put(":one", AttributeValue.fromN("1"));
        } else {
            set.append(" ").append(END_LEASE);
        }
        return update(registrationId, notificationId, set.toString(),
                "#status IN (" + String.join(", ", from) + ")", values, Map.of("#to", to.name()));
    }

    @Override
    public boolean markSent(String registrationId, String notificationId, String providerMessageId, int parts,
                            Instant at) {
        return update(registrationId, notificationId,
                "SET #status = :sent, providerMessageId = :pid, parts = :parts, updatedAt = :at, #history.#to = :at "
                        + END_LEASE,
                "#status = :sending",
                Map.of(":sent", AttributeValue.fromS(DeliveryStatus.SENT.name()),
                        ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                        ":pid", AttributeValue.fromS(providerMessageId),
                        ":parts", AttributeValue.fromN(String.valueOf(parts)),
                        ":at", AttributeValue.fromS(at.toString())),
                Map.of("#to", DeliveryStatus.SENT.name()));
    }

    @Override
    public boolean retryLater(String registrationId, String notificationId, String error, Instant at) {
        return update(registrationId, notificationId,
                "SET #status = :queued, lastError = :error, updatedAt = :at " + END_LEASE,
                "#status = :sending",
                Map.of(":queued", AttributeValue.fromS(DeliveryStatus.QUEUED.name()),
                        ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                        ":error", AttributeValue.fromS(error == null ? "unknown error" : error),
                        ":at", AttributeValue.fromS(at.toString())), Map.of());
    }

    /** Leaving SENDING: out of the lease index, and no hand-over left for the next claim. */
    private static final String END_LEASE = "REMOVE leaseBucket, leaseUntil, handedOverAt";

    @Override
    public boolean claim(String registrationId, String notificationId, Instant leaseUntil, Instant at) {
        return update(registrationId, notificationId,
                "SET #status = :sending, leaseBucket = :bucket, leaseUntil = :lease, updatedAt = :at, #history.#to = :at"
                        + " REMOVE handedOverAt ADD attempts :one",
                "#status = :queued",
                Map.of(":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                        ":queued", AttributeValue.fromS(DeliveryStatus.QUEUED.name()),
                        ":bucket", AttributeValue.fromS(NotificationItem.LEASED),
                        ":lease", lease(leaseUntil),
                        ":at", AttributeValue.fromS(at.toString()),
                        ":one", AttributeValue.fromN("1")),
                Map.of("#to", DeliveryStatus.SENDING.name()));
    }

    @Override
    public boolean takeBack(String registrationId, String notificationId, Instant expiredLease, Instant newLease,
                            Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                ":bucket", AttributeValue.fromS(NotificationItem.LEASED),
                ":lease", lease(newLease),
                ":at", AttributeValue.fromS(at.toString()),
                ":one", AttributeValue.fromN("1")));
        return update(registrationId, notificationId,
                "SET leaseBucket = :bucket, leaseUntil = :lease, updatedAt = :at ADD attempts :one",
                "#status = :sending AND attribute_not_exists(handedOverAt) AND attribute_not_exists(providerMessageId)"
                        + " AND " + leaseIs(expiredLease, values),
                values, Map.of());
    }

    @Override
    public boolean handOver(String registrationId, String notificationId, Instant lease, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                ":at", AttributeValue.fromS(at.toString())));
        return update(registrationId, notificationId, "SET handedOverAt = :at",
                "#status = :sending AND " + leaseIs(lease, values), values, Map.of());
    }

    @Override
    public boolean recordAccepted(String registrationId, String notificationId, String providerMessageId, int parts,
                                  Instant at) {
        return update(registrationId, notificationId, "SET providerMessageId = :pid, parts = :parts",
                "#status = :sending",
                Map.of(":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                        ":pid", AttributeValue.fromS(providerMessageId),
                        ":parts", AttributeValue.fromN(String.valueOf(parts))), Map.of());
    }

    @Override
    public boolean releaseExpired(String registrationId, String notificationId, Instant expiredLease,
                                  DeliveryStatus to, String reason, Instant at) {
        if (to != DeliveryStatus.QUEUED && to != DeliveryStatus.UNKNOWN) {
            throw new IllegalArgumentException("an expired lease goes to QUEUED or UNKNOWN, not " + to);
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                ":to", AttributeValue.fromS(to.name()),
                ":reason", AttributeValue.fromS(reason),
                ":at", AttributeValue.fromS(at.toString())));
        String handedOver = to == DeliveryStatus.UNKNOWN ? "attribute_exists(handedOverAt)"
                : "attribute_not_exists(handedOverAt)";
        return update(registrationId, notificationId,
                "SET #status = :to, " + (to == DeliveryStatus.UNKNOWN ? "statusReason" : "lastError")
                        + " = :reason, updatedAt = :at, #history.#to = :at " + END_LEASE,
                "#status = :sending AND attribute_not_exists(providerMessageId) AND " + handedOver + " AND "
                        + leaseIs(expiredLease, values),
                values, Map.of("#to", to.name()));
    }

    @Override
    public List<Notification> expiredLeases(Instant now, int limit) {
        List<Notification> out = new ArrayList<>();
        for (var page : table.index(NotificationItem.BY_SENDING_LEASE).query(r -> r.queryConditional(
                QueryConditional.sortLessThanOrEqualTo(Key.builder().partitionValue(NotificationItem.LEASED)
                        .sortValue(now.toEpochMilli()).build())).limit(Math.min(limit, 100)))) {
            for (NotificationItem i : page.items()) {
                if (out.size() >= limit) {
                    return out;
                }
                // the index is eventually consistent (and keys only): read the notice itself
                find(i.registrationId, i.notificationId).ifPresent(out::add);
            }
        }
        return out;
    }

    private static AttributeValue lease(Instant until) {
        return AttributeValue.fromN(String.valueOf(until.toEpochMilli()));
    }

    /** The condition that the lease is still {@code lease} (null: a notice claimed before leases existed). */
    private static String leaseIs(Instant lease, Map<String, AttributeValue> values) {
        if (lease == null) {
            return "attribute_not_exists(leaseUntil)";
        }
        values.put(":seen", lease(lease));
        return "leaseUntil = :seen";
    }

    private boolean update(String registrationId, String notificationId, String expression, String condition,
                           Map<String, AttributeValue> values, Map<String, String> extraNames) {
        Map<String, String> names = new HashMap<>(extraNames);
        names.put("#status", "status");
        if (expression.contains("#history")) {
            names.put("#history", "history");
            ensureHistory(registrationId, notificationId);
        }
        try {
            dynamo.updateItem(u -> u.tableName(table.tableName())
                    .key(Map.of("registrationId", AttributeValue.fromS(registrationId),
                            "notificationId", AttributeValue.fromS(notificationId)))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A map of status → time must exist before a nested SET can write into it. */
    private void ensureHistory(String registrationId, String notificationId) {
        try {
            dynamo.updateItem(u -> u.tableName(table.tableName())
                    .key(Map.of("registrationId", AttributeValue.fromS(registrationId),
                            "notificationId", AttributeValue.fromS(notificationId)))
                    .updateExpression("SET history = :empty")
                    .conditionExpression("attribute_exists(notificationId) AND attribute_not_exists(history)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // the usual case after the first transition
        }
    }
}
