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

    private static String key(String address) {
        return address.contains("@") ? Registration.emailKey(address) : address.strip();
    }
}
