package io.convoc.aws.dynamo;

import io.convoc.core.ports.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Fixed-window counters in the lookups table ({@code RATE#<key>} / window start), one atomic {@code ADD} a request,
 * shared by every instance of the function; DynamoDB's TTL ({@code expiresAt}) removes old windows.
 */
public final class WindowRateLimiter implements RateLimiter {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public WindowRateLimiter(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public long hit(String key, int limit, Duration window) {
        long now = clock.instant().getEpochSecond();
        long size = window.toSeconds();
        long start = now - now % size;
        String counted = dynamo.updateItem(u -> u.tableName(table)
                .key(Map.of("lookupKey", AttributeValue.fromS("RATE#" + key),
                        "sortKey", AttributeValue.fromS(Long.toString(start))))
                .updateExpression("ADD hits :one SET expiresAt = :ttl")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":ttl", AttributeValue.fromN(Long.toString(start + size + 3600))))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("hits").n();
        return Long.parseLong(counted) <= limit ? 0 : start + size - now;
    }
}
