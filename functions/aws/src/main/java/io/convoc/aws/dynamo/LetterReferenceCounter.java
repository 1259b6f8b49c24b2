package io.convoc.aws.dynamo;

import io.convoc.core.ports.LetterReferences;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/**
 * Letter reference numbers: a per-event counter item in the events table ({@code SEQUENCE#letters}, atomic
 * ADD), and a claim per registration in the lookups table ({@code LETTER#event#registration}) so that a
 * replayed event gets the number it got the first time. A race between two first calls can leave a gap
 * in the sequence, never a number given twice.
 */
public final class LetterReferenceCounter implements LetterReferences {
    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final String lookupsTable;

    public LetterReferenceCounter(DynamoDbClient dynamo, String eventsTable, String lookupsTable) {
        this.dynamo = dynamo;
        this.eventsTable = eventsTable;
        this.lookupsTable = lookupsTable;
    }

    @Override
    public int numberFor(String eventId, String registrationId) {
        Map<String, AttributeValue> claimKey = Map.of(
                "lookupKey", AttributeValue.fromS("LETTER#" + eventId + "#" + registrationId),
                "sortKey", AttributeValue.fromS(LookupItem.NO_SORT));
        Integer claimed = existing(claimKey);
        if (claimed != null) {
            return claimed;
        }
        String next = dynamo.updateItem(u -> u.tableName(eventsTable)
                .key(Map.of("eventId", AttributeValue.fromS(eventId), "itemKey", AttributeValue.fromS("SEQUENCE#letters")))
                .updateExpression("ADD lastNumber :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("lastNumber").n();
        try {
            dynamo.putItem(p -> p.tableName(lookupsTable)
                    .item(Map.of("lookupKey", claimKey.get("lookupKey"), "sortKey", claimKey.get("sortKey"),
                            "registrationId", AttributeValue.fromS(registrationId),
                            "number", AttributeValue.fromN(next)))
                    .conditionExpression("attribute_not_exists(lookupKey)"));
            return Integer.parseInt(next);
        } catch (ConditionalCheckFailedException raced) {
            return existing(claimKey);
        }
    }

    private Integer existing(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(lookupsTable).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : Integer.parseInt(item.get("number").n());
    }
}
