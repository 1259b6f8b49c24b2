package io.convoc.aws.dynamo;

import io.convoc.core.invitations.InvitationCode;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
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
 * Invitation codes in the events table, under the partition {@code CODES#<eventId>} with the code as sort key: an
 * event's codes are one Query, a code one GetItem, and a use one conditional {@code ADD} that never passes the
 * limit or the expiry, however many requests race for the last one.
 */
public final class InvitationCodeTable implements InvitationCodeRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public InvitationCodeTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String eventId, String code) {
        return Map.of("eventId", AttributeValue.fromS("CODES#" + eventId), "itemKey", AttributeValue.fromS(code));
    }

    @Override
    public boolean create(InvitationCode c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.eventId(), c.code()));
        item.put("delegation", AttributeValue.fromS(c.delegation()));
        item.put("category", AttributeValue.fromS(c.category().name()));
        if (c.region() != null) {
            item.put("region", AttributeValue.fromS(c.region().name()));
        }
        item.put("maxUses", AttributeValue.fromN(Integer.toString(c.maxUses())));
        item.put("uses", AttributeValue.fromN(Integer.toString(c.uses())));
        item.put("expiresAt", AttributeValue.fromS(c.expiresAt().toString()));
        item.put("createdBy", AttributeValue.fromS(c.createdBy() == null ? "-" : c.createdBy()));
        item.put("createdAt", AttributeValue.fromS(c.createdAt().toString()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(itemKey)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<InvitationCode> find(String eventId, String code) {
        if (code == null || code.isEmpty() || code.length() > 64) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(eventId, code))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(of(eventId, item));
    }

    @Override
    public List<InvitationCode> list(String eventId) {
        List<InvitationCode> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("eventId = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("CODES#" + eventId))))
                .items().forEach(i -> out.add(of(eventId, i)));
        return out;
    }

    @Override
    public boolean use(String eventId, String code, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(eventId, code))
                    .updateExpression("ADD uses :one")
                    .conditionExpression("attribute_exists(itemKey) AND uses < maxUses AND expiresAt > :now")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":now", AttributeValue.fromS(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    @Override
    public void release(String eventId, String code) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(eventId, code))
                    .updateExpression("ADD uses :minus")
                    .conditionExpression("uses > :zero")
                    .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"),
                            ":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException nothingToGiveBack) {
            // already at zero
        }
    }

    private static InvitationCode of(String eventId, Map<String, AttributeValue> i) {
        return new InvitationCode(eventId, i.get("itemKey").s(), i.get("delegation").s(),
                Category.valueOf(i.get("category").s()),
                i.containsKey("region") ? Region.valueOf(i.get("region").s()) : null,
                Integer.parseInt(i.get("maxUses").n()), Integer.parseInt(i.get("uses").n()),
                Instant.parse(i.get("expiresAt").s()), i.get("createdBy").s(), Instant.parse(i.get("createdAt").s()));
    }
}
