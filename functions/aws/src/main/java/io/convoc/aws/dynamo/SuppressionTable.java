package io.convoc.aws.dynamo;

import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Registration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The suppression list: one item per e-mail address (case folded) or E.164 phone number. */
public final class SuppressionTable implements SuppressionList {
    private final DynamoDbClient dynamo;
    private final String table;

    public SuppressionTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> reasonFor(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("address", AttributeValue.fromS(key(address)))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("reason").s());
    }

    @Override
    public void suppress(String address, String reason, Instant at) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                "address", AttributeValue.fromS(key(address)),
                "reason", AttributeValue.fromS(reason),
                "suppressedAt", AttributeValue.fromS(at.toString()))));
    }

    /** Both keys of each address (its suppression, its opt-out of announcements), 100 keys a BatchGetItem. */
    @Override
    public Map<String, String> reasonsFor(java.util.Collection<String> addresses, io.convoc.core.notifications.NoticeKind kind) {
        Map<String, String> byKey = new java.util.HashMap<>();
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (String address : addresses) {
            keys.add(key(address));
            if (kind == io.convoc.core.notifications.NoticeKind.ANNOUNCEMENT) {
                keys.add(key(SuppressionList.announcementsKey(address)));
            }
        }
        BatchReads.get(dynamo, table, keys.stream().map(k -> Map.of("address", AttributeValue.fromS(k))).toList())
                .forEach(i -> byKey.put(i.get("address").s(), i.get("reason").s()));
        Map<String, String> out = new java.util.HashMap<>();
        for (String address : addresses) {
            String reason = byKey.get(key(address));
            if (reason == null && kind == io.convoc.core.notifications.NoticeKind.ANNOUNCEMENT) {
                reason = byKey.get(key(SuppressionList.announcementsKey(address)));
            }
            if (reason != null) {
                out.put(address, reason);
            }
        }
        return out;
    }

    private static String key(String address) {
        return address.contains("@") ? Registration.emailKey(address) : address.strip();
    }
}
