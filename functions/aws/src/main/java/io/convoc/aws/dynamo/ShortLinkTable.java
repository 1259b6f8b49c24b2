package io.convoc.aws.dynamo;

import io.convoc.core.links.ShortCodes;
import io.convoc.core.ports.ShortLinks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The short links table: one item per code ({@code code} → {@code target}, {@code expiresAt} in epoch seconds, the
 * table's TTL attribute). A code is derived from its target, so writing the same target again is the same put; the
 * put is conditional on the code being free or already this target's, so that a code two targets share (a
 * collision) never sends one person to another's letter: the next attempt's code is taken instead. TTL deletes
 * expired items lazily (within days), so reading checks {@code expiresAt} itself.
 */
public final class ShortLinkTable implements ShortLinks {
    /** Codes tried for one target before giving up: a collision is already rare (one in 62⁸ per stored link). */
    static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public ShortLinkTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public String shorten(URI target, Instant expiresAt) {
        String text = target.toASCIIString();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String code = ShortCodes.of(target, attempt);
            try {
                dynamo.putItem(p -> p.tableName(table)
                        .item(Map.of(
                                "code", AttributeValue.fromS(code),
                                "target", AttributeValue.fromS(text),
                                "expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                        .conditionExpression("attribute_not_exists(code) OR #target = :target")
                        .expressionAttributeNames(Map.of("#target", "target"))
                        .expressionAttributeValues(Map.of(":target", AttributeValue.fromS(text))));
                return code;
            } catch (ConditionalCheckFailedException taken) {
                // another target has this code: try the next one
            }
        }
        throw new IllegalStateException("no free short code for a target after " + ATTEMPTS + " attempts");
    }

    @Override
    public Optional<URI> resolve(String code, Instant now) {
        if (!ShortCodes.isWellFormed(code)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("code", AttributeValue.fromS(code))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("target") || !item.containsKey("expiresAt")
                || Long.parseLong(item.get("expiresAt").n()) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(item.get("target").s()));
    }
}
