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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import io.convoc.core.announcements.AnnouncementCounters;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Notices in DynamoDB: one partition per registration (its notices in one Query), a sparse index on the
 * provider's message id for delivery reports. Status changes are conditional on the statuses they may follow.
 *
 * <p>An announcement's notices are counted on the announcement in the same transaction as their creation and each
 * change of their status ({@code ADD} to its counters, see {@link AnnouncementCounters}): a write that fails its
 * condition counts nothing, a write repeated after a crash finds the notice moved on and counts nothing either.
 */
public final class NotificationTable implements NotificationRepository {
    /** DynamoDB's limit of items in one transaction, the announcement's counter being one of them. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    private static final Set<DeliveryStatus> WITH_THE_SENDERS = EnumSet.of(DeliveryStatus.QUEUED, DeliveryStatus.SENDING);

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<NotificationItem> table;
    /** Null where no announcement notice is written or moved (then nothing is counted). */
    private final AnnouncementTable announcements;

    public NotificationTable(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, String tableName) {
        this(enhanced, dynamo, tableName, null);
    }

    public NotificationTable(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, String tableName,
                             AnnouncementTable announcements) {
        this.dynamo = dynamo;
        this.table = enhanced.table(tableName, NotificationItem.SCHEMA);
        this.announcements = announcements;
    }

    /** The announcements whose notices left the senders during the batch this thread is in (see inBatch). */
    private static final ThreadLocal<java.util.Set<Integer>> FINISH_LATER = new ThreadLocal<>();

    /**
     * A queue batch's writes: an announcement is checked for its end (the last notice out finishes it) once, after the
     * batch, rather than after each notice that left the senders (a conditional write that fails but for the last).
     */
    @Override
    public <T> T inBatch(java.util.function.Supplier<T> work) {
        if (FINISH_LATER.get() != null || announcements == null) {
            return work.get();
        }
        java.util.Set<Integer> finish = new java.util.LinkedHashSet<>();
        FINISH_LATER.set(finish);
        try {
            return work.get();
        } finally {
            FINISH_LATER.remove();
            for (int number : finish) {
                try {
                    announcements.finishIfDone(number, java.time.Instant.now());
                } catch (RuntimeException e) {
                    // the next notice out, or the fan-out's end, checks again
                    java.util.logging.Logger.getLogger(NotificationTable.class.getName()).warning(
                            "announcement " + number + " not checked for its end: " + e);
                }
            }
        }
    }

    @Override
    public boolean create(Notification notification) {
        try {
            dynamo.putItem(p -> p.tableName(table.tableName()).item(withHistory(notification))
                    .conditionExpression("attribute_not_exists(notificationId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** A new notice's item, its history begun: later status writes set {@code history.<status>} directly. */
    private Map<String, AttributeValue> withHistory(Notification n) {
        Map<String, AttributeValue> item = new HashMap<>(table.tableSchema().itemToMap(NotificationItem.from(n), true));
        item.putIfAbsent("history", AttributeValue.fromM(Map.of(n.status().name(),
                AttributeValue.fromS(n.createdAt().toString()))));
        return item;
    }

    /**
     * An announcement's notices, up to {@value #MAX_TRANSACTION_ITEMS} - 1 in one transaction with their count; when
     * one exists already (a page written again after a crash), each on its own, so that only the new ones count.
     */
    @Override
    public List<Boolean> createAll(List<Notification> notices) {
        List<Boolean> created = new ArrayList<>(notices.size());
        int from = 0;
        while (from < notices.size()) {
            Notification first = notices.get(from);
            OptionalInt announcement = counted(first.id());
            if (announcement.isEmpty()) {
                created.add(create(first));
                from++;
                continue;
            }
            int to = from;
            while (to < notices.size() && to - from < MAX_TRANSACTION_ITEMS - 1
                    && counted(notices.get(to).id()).equals(announcement)) {
                to++;
            }
            List<Notification> chunk = notices.subList(from, to);
            if (chunk.size() > 1 && transact(creation(chunk, announcement.getAsInt()))) {
                chunk.forEach(n -> created.add(true));
            } else {
                chunk.forEach(n -> created.add(transact(creation(List.of(n), announcement.getAsInt()))));
            }
            from = to;
        }
        return created;
    }

    private List<TransactWriteItem> creation(List<Notification> chunk, int announcement) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Notification n : chunk) {
            Map<String, AttributeValue> written = withHistory(n);
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table.tableName()).item(written)
                    .conditionExpression("attribute_not_exists(notificationId)")).build());
            counts.merge("targeted", 1L, Long::sum);
            if (n.status() == DeliveryStatus.QUEUED) {
                counts.merge("queued", 1L, Long::sum);
                counts.merge("outstanding", 1L, Long::sum);
            } else {
                counter(n.status()).ifPresent(c -> counts.merge(c, 1L, Long::sum));
            }
        }
        writes.add(counting(announcement, counts));
        return writes;
    }

    /** The ADD of {@code counts} to the announcement's counters, as one write of a transaction. */
    private TransactWriteItem counting(int announcement, Map<String, Long> counts) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            names.put("#c" + i, c.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(c.getValue())));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        return TransactWriteItem.builder().update(u -> u.tableName(announcements.tableName())
                .key(AnnouncementTable.key(announcement))
                .updateExpression("ADD " + String.join(", ", adds))
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build();
    }

    /** The counter a notice reaching {@code status} moves; none for QUEUED and SENDING. */
    private static Optional<String> counter(DeliveryStatus status) {
        return Optional.ofNullable(switch (status) {
            case SENT -> "sent";
            case DELIVERED -> "delivered";
            case BOUNCED, COMPLAINED -> "bounced";
            case FAILED -> "failed";
            case SUPPRESSED -> "suppressed";
            case CANCELLED -> "cancelled";
            case UNKNOWN -> "unknown";
            case QUEUED, SENDING -> null;
        });
    }

    /** The announcement whose counters this notice moves, when counting is on. */
    private OptionalInt counted(String notificationId) {
        return announcements == null ? OptionalInt.empty() : Notification.announcementOf(notificationId);
    }

    /**
     * Runs a transaction; false when a condition failed (nothing written). A conflict with another transaction on
     * the same items is retried, as DynamoDB advises.
     */
    private boolean transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .anyMatch(r -> "TransactionConflict".equals(r.code()));
                boolean conditionFailed = !e.hasCancellationReasons() || e.cancellationReasons().stream()
                        .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                if (conflict && !conditionFailed && attempt < 5) {
                    sleep(20L * attempt);
                    continue;
                }
                if (conditionFailed) {
                    return false;
                }
                throw e;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<Notification> find(String registrationId, String notificationId) {
        NotificationItem item = table.getItem(r -> r.key(k -> k.partitionValue(registrationId)
                .sortValue(notificationId)).consistentRead(true));
        return Optional.ofNullable(item).map(NotificationItem::toNotification);
    }

    @Override
    public List<Notification> findAll(java.util.Collection<io.convoc.core.notifications.NoticeMessage> messages) {
        return BatchReads.get(dynamo, table.tableName(), messages.stream().map(m -> Map.of(
                        "registrationId", AttributeValue.fromS(m.registrationId()),
                        "notificationId", AttributeValue.fromS(m.notificationId()))).toList())
                .stream().map(i -> NotificationItem.SCHEMA.mapToItem(i).toNotification()).toList();
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
        if (counted(notificationId).isPresent() && counter(to).isPresent()) {
            return countedTransition(registrationId, notificationId, to, set.toString(), values);
        }
        return update(registrationId, notificationId, set.toString(),
                "#status IN (" + String.join(", ", from) + ")", values, Map.of("#to", to.name()));
    }

    /**
     * A counted status change, by where it comes from: leaving the senders' hands (QUEUED, SENDING) also takes one
     * off {@code outstanding}; a change from the same status (a transient bounce noted on a SENT notice) counts nothing.
     */
    private boolean countedTransition(String registrationId, String notificationId, DeliveryStatus to, String set,
                                      Map<String, AttributeValue> values) {
        values = new HashMap<>(values);
        values.keySet().removeIf(k -> k.startsWith(":from")); // the conditions here name their own statuses
        Set<DeliveryStatus> allowed = to.allowedFrom();
        Set<DeliveryStatus> leaving = EnumSet.noneOf(DeliveryStatus.class);
        Set<DeliveryStatus> moving = EnumSet.noneOf(DeliveryStatus.class);
        for (DeliveryStatus s : allowed) {
            if (WITH_THE_SENDERS.contains(s)) {
                leaving.add(s);
            } else if (s != to) {
                moving.add(s);
            }
        }
        if (!leaving.isEmpty() && counted(registrationId, notificationId, set, leaving, values, to, true)) {
            return true;
        }
        if (!moving.isEmpty() && counted(registrationId, notificationId, set, moving, values, to, false)) {
            return true;
        }
        return allowed.contains(to) && update(registrationId, notificationId, set, "#status = :same",
                with(values, ":same", AttributeValue.fromS(to.name())), Map.of("#to", to.name()));
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> values, String name, AttributeValue v) {
        Map<String, AttributeValue> out = new HashMap<>(values);
        out.put(name, v);
        return out;
    }

    /** The notice's update, if its status is one of {@code from}, and its count, in one transaction. */
    private boolean counted(String registrationId, String notificationId, String set, Set<DeliveryStatus> from,
                            Map<String, AttributeValue> values, DeliveryStatus to, boolean leavesTheSenders) {
        Map<String, AttributeValue> conditionValues = new HashMap<>(values);
        List<String> names = new ArrayList<>();
        int i = 0;
        for (DeliveryStatus s : from) {
            conditionValues.put(":cf" + i, AttributeValue.fromS(s.name()));
            names.add(":cf" + i++);
        }
        return countedUpdate(registrationId, notificationId, set, "#status IN (" + String.join(", ", names) + ")",
                conditionValues, Map.of("#to", to.name()), to, leavesTheSenders);
    }

    private boolean countedUpdate(String registrationId, String notificationId, String expression, String condition,
                                  Map<String, AttributeValue> values, Map<String, String> extraNames,
                                  DeliveryStatus to, boolean leavesTheSenders) {
        int announcement = counted(notificationId).orElseThrow();
        Map<String, String> names = new HashMap<>(extraNames);
        names.put("#status", "status");
        if (expression.contains("#history")) {
            names.put("#history", "history");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counter(to).ifPresent(c -> counts.put(c, 1L));
        if (leavesTheSenders) {
            counts.put("outstanding", -1L);
        }
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table.tableName())
                        .key(Map.of("registrationId", AttributeValue.fromS(registrationId),
                                "notificationId", AttributeValue.fromS(notificationId)))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)).build(),
                counting(announcement, counts));
        boolean written;
        try {
            written = transact(writes);
        } catch (DynamoDbException e) {
            if (!missingHistory(e)) {
                throw e;
            }
            ensureHistory(registrationId, notificationId);
            written = transact(writes);
        }
        if (!written && announcements.find(announcement).isEmpty()) {
            // a notice whose announcement is gone (deleted by hand): its status still moves, uncounted
            return update(registrationId, notificationId, expression, condition, values, extraNames);
        }
        if (written && leavesTheSenders) {
            java.util.Set<Integer> deferred = FINISH_LATER.get();
            if (deferred != null) {
                deferred.add(announcement); // once for the batch, at its end (inBatch)
            } else {
                announcements.finishIfDone(announcement, java.time.Instant.now());
            }
        }
        return written;
    }

    @Override
    public boolean markSent(String registrationId, String notificationId, String providerMessageId, int parts,
                            Instant at) {
        String expression = "SET #status = :sent, providerMessageId = :pid, parts = :parts, updatedAt = :at,"
                + " #history.#to = :at " + END_LEASE;
        Map<String, AttributeValue> values = Map.of(":sent", AttributeValue.fromS(DeliveryStatus.SENT.name()),
                ":sending", AttributeValue.fromS(DeliveryStatus.SENDING.name()),
                ":pid", AttributeValue.fromS(providerMessageId),
                ":parts", AttributeValue.fromN(String.valueOf(parts)),
                ":at", AttributeValue.fromS(at.toString()));
        Map<String, String> names = Map.of("#to", DeliveryStatus.SENT.name());
        if (counted(notificationId).isPresent()) {
            return countedUpdate(registrationId, notificationId, expression, "#status = :sending", values, names,
                    DeliveryStatus.SENT, true);
        }
        return update(registrationId, notificationId, expression, "#status = :sending", values, names);
    }

    @Override
    public boolean requeueRedriven(String registrationId, String notificationId, String exhausted, Instant at) {
        String expression = "SET #status = :queued, lastError = statusReason, updatedAt = :at REMOVE statusReason";
        String condition = "#status = :failed AND begins_with(statusReason, :exhausted)";
        Map<String, AttributeValue> values = Map.of(
                ":queued", AttributeValue.fromS(DeliveryStatus.QUEUED.name()),
                ":failed", AttributeValue.fromS(DeliveryStatus.FAILED.name()),
                ":exhausted", AttributeValue.fromS(exhausted),
                ":at", AttributeValue.fromS(at.toString()));
        if (counted(notificationId).isPresent()) {
            // back with the senders: no longer failed, outstanding again
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("failed", -1L);
            counts.put("outstanding", 1L);
            return transact(List.of(TransactWriteItem.builder().update(u -> u.tableName(table.tableName())
                            .key(Map.of("registrationId", AttributeValue.fromS(registrationId),
                                    "notificationId", AttributeValue.fromS(notificationId)))
                            .updateExpression(expression)
                            .conditionExpression(condition)
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(values)).build(),
                    counting(counted(notificationId).getAsInt(), counts)));
        }
        return update(registrationId, notificationId, expression, condition, values, Map.of());
    }

    @Override
    public boolean resend(String registrationId, String notificationId, DeliveryStatus from, String note, Instant at) {
        if (from != DeliveryStatus.FAILED && from != DeliveryStatus.UNKNOWN) {
            throw new IllegalArgumentException("only FAILED and UNKNOWN notices are sent again, not " + from);
        }
        String expression = "SET #status = :queued, lastError = statusReason, statusReason = :note, updatedAt = :at, "
                + "#history.#queued = :at REMOVE providerMessageId, " + END_LEASE.substring("REMOVE ".length());
        Map<String, AttributeValue> values = Map.of(
                ":queued", AttributeValue.fromS(DeliveryStatus.QUEUED.name()),
                ":from", AttributeValue.fromS(from.name()),
                ":note", AttributeValue.fromS(note),
                ":at", AttributeValue.fromS(at.toString()));
        Map<String, String> names = Map.of("#status", "status", "#history", "history", "#queued", "QUEUED");
        if (counted(notificationId).isPresent()) {
            // with the senders again: out of its final count, outstanding again
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(counter(from).orElseThrow(), -1L);
            counts.put("outstanding", 1L);
            return transact(List.of(TransactWriteItem.builder().update(u -> u.tableName(table.tableName())
                            .key(Map.of("registrationId", AttributeValue.fromS(registrationId),
                                    "notificationId", AttributeValue.fromS(notificationId)))
                            .updateExpression(expression)
                            .conditionExpression("#status = :from")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)).build(),
                    counting(counted(notificationId).getAsInt(), counts)));
        }
        return update(registrationId, notificationId, expression, "#status = :from", values,
                Map.of("#queued", "QUEUED"));
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
        if (to == DeliveryStatus.UNKNOWN && counted(notificationId).isPresent()) {
            return countedUpdate(registrationId, notificationId,
                    "SET #status = :to, statusReason = :reason, updatedAt = :at, #history.#to = :at " + END_LEASE,
                    "#status = :sending AND attribute_not_exists(providerMessageId) AND " + handedOver + " AND "
                            + leaseIs(expiredLease, values),
                    values, Map.of("#to", to.name()), to, true);
        }
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
        }
        for (int attempt = 1; ; attempt++) {
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
            } catch (DynamoDbException e) {
                if (attempt > 1 || !missingHistory(e)) {
                    throw e;
                }
                ensureHistory(registrationId, notificationId);
            }
        }
    }

    /**
     * A nested SET into {@code history} on a notice written before notices began theirs at creation: DynamoDB refuses
     * the document path; the map is added and the write tried again.
     */
    private static boolean missingHistory(DynamoDbException e) {
        if (e instanceof TransactionCanceledException t && t.hasCancellationReasons()) {
            return t.cancellationReasons().stream().anyMatch(r -> "ValidationError".equals(r.code())
                    && r.message() != null && r.message().contains("document path"));
        }
        return e.getMessage() != null && e.getMessage().contains("document path");
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
