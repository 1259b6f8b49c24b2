package io.convoc.aws.dynamo;

import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.programme.PendingEdit;
import io.convoc.core.programme.ProgrammeChange;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Quiet windows and programme changes, in the events table under the partition {@code CHANGES#<eventId>} (apart
 * from the programme, so that reading a programme stays one small Query):
 * <ul>
 * <li>{@code PENDING#<session>}: the open window's {@code baseline} (the session before the window's first edit, or
 *     {@code {"new":true}}), {@code openedAt}, and {@code latestVersion}, which stays when the window closes so that
 *     a replayed old stream record cannot reopen it;</li>
 * <li>{@code CHANGE#<number>}: a settled change with its fan-out position; {@code AT#<session>#<version>}: the
 *     number of the change a window settled into at that version; {@code SEQUENCE}: the last change number.</li>
 * </ul>
 */
public final class ProgrammeChangeTable implements ProgrammeChangeLog {
    private static final AttributeValue NEW_SESSION = AttributeValue.fromM(Map.of("new", AttributeValue.fromBool(true)));
    private final DynamoDbClient dynamo;
    private final String table;

    public ProgrammeChangeTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String partition(String eventId) {
        return "CHANGES#" + eventId;
    }

    private static Map<String, AttributeValue> key(String eventId, String itemKey) {
        return Map.of("eventId", AttributeValue.fromS(partition(eventId)), "itemKey", AttributeValue.fromS(itemKey));
    }

    private static String pendingKey(String sessionId) {
        return "PENDING#" + sessionId;
    }

    private static String changeKey(int number) {
        return String.format("CHANGE#%06d", number);
    }

    private static String atKey(String sessionId, int version) {
        return "AT#" + sessionId + "#" + version;
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    @Override
    public void recordEdit(String eventId, String sessionId, ProgrammeSession baseline, int version, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(eventId, pendingKey(sessionId)))
                    .updateExpression("SET baseline = if_not_exists(baseline, :b), openedAt = if_not_exists(openedAt, :at), "
                            + "latestVersion = :v")
                    .conditionExpression("attribute_not_exists(latestVersion) OR latestVersion < :v")
                    .expressionAttributeValues(Map.of(
                            ":b", baseline == null ? NEW_SESSION
                                    : AttributeValue.fromM(ProgrammeItem.sessionImage(eventId, baseline)),
                            ":at", AttributeValue.fromS(at.toString()),
                            ":v", n(version))));
        } catch (ConditionalCheckFailedException replayed) {
            // this version (or a later one) is recorded already: a replayed stream record
        }
    }

    @Override
    public Optional<PendingEdit> pending(String eventId, String sessionId) {
        Map<String, AttributeValue> item = get(key(eventId, pendingKey(sessionId)));
        if (item == null || !item.containsKey("baseline")) {
            return Optional.empty();
        }
        Map<String, AttributeValue> baseline = item.get("baseline").m();
        return Optional.of(new PendingEdit(eventId, sessionId,
                baseline.containsKey("new") ? null : ProgrammeItem.sessionOf(baseline),
                Instant.parse(item.get("openedAt").s()), Integer.parseInt(item.get("latestVersion").n())));
    }

    @Override
    public boolean discard(String eventId, String sessionId, int version) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(eventId, pendingKey(sessionId)))
                    .updateExpression("REMOVE baseline, openedAt")
                    .conditionExpression("latestVersion = :v AND attribute_exists(baseline)")
                    .expressionAttributeValues(Map.of(":v", n(version))));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    @Override
    public int nextChangeNumber(String eventId) {
        return Integer.parseInt(dynamo.updateItem(u -> u.tableName(table).key(key(eventId, "SEQUENCE"))
                .updateExpression("ADD lastNumber :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("lastNumber").n());
    }

    @Override
    public boolean close(ProgrammeChange c) {
        Map<String, AttributeValue> change = new HashMap<>(key(c.eventId(), changeKey(c.number())));
        change.put("number", n(c.number()));
        change.put("sessionId", AttributeValue.fromS(c.sessionId()));
        change.put("sessionVersion", n(c.sessionVersion()));
        if (c.before() != null) {
            change.put("before", AttributeValue.fromM(ProgrammeItem.sessionImage(c.eventId(), c.before())));
        }
        change.put("after", AttributeValue.fromM(ProgrammeItem.sessionImage(c.eventId(), c.after())));
        change.put("since", AttributeValue.fromS(c.since().toString()));
        change.put("at", AttributeValue.fromS(c.at().toString()));
        change.put("concerned", n(c.fanOut().concerned()));
        change.put("done", AttributeValue.fromBool(c.fanOut().done()));
        Map<String, AttributeValue> at = new HashMap<>(key(c.eventId(), atKey(c.sessionId(), c.sessionVersion())));
        at.put("number", n(c.number()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(key(c.eventId(), pendingKey(c.sessionId())))
                            .updateExpression("REMOVE baseline, openedAt")
                            .conditionExpression("latestVersion = :v AND attribute_exists(baseline)")
                            .expressionAttributeValues(Map.of(":v", n(c.sessionVersion())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(change)
                            .conditionExpression("attribute_not_exists(itemKey)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(at)
                            .conditionExpression("attribute_not_exists(itemKey)")).build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<ProgrammeChange> changeAt(String eventId, String sessionId, int sessionVersion) {
        Map<String, AttributeValue> item = get(key(eventId, atKey(sessionId, sessionVersion)));
        return item == null ? Optional.empty() : change(eventId, Integer.parseInt(item.get("number").n()));
    }

    @Override
    public Optional<ProgrammeChange> change(String eventId, int number) {
        Map<String, AttributeValue> i = get(key(eventId, changeKey(number)));
        if (i == null) {
            return Optional.empty();
        }
        return Optional.of(new ProgrammeChange(eventId, number, i.get("sessionId").s(),
                i.containsKey("before") ? ProgrammeItem.sessionOf(i.get("before").m()) : null,
                ProgrammeItem.sessionOf(i.get("after").m()), Integer.parseInt(i.get("sessionVersion").n()),
                Instant.parse(i.get("since").s()), Instant.parse(i.get("at").s()),
                new ProgrammeChange.FanOut(i.containsKey("cursor") ? i.get("cursor").s() : null,
                        Integer.parseInt(i.get("concerned").n()), i.get("done").bool())));
    }

    @Override
    public void saveFanOut(String eventId, int number, ProgrammeChange.FanOut progress) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", n(progress.concerned()),
                ":d", AttributeValue.fromBool(progress.done())));
        String update = "SET concerned = :c, done = :d";
        if (progress.cursor() == null) {
            update += " REMOVE #cursor";
        } else {
            update += ", #cursor = :cur";
            values.put(":cur", AttributeValue.fromS(progress.cursor()));
        }
        String expression = update;
        dynamo.updateItem(u -> u.tableName(table).key(key(eventId, changeKey(number)))
                .updateExpression(expression)
                .conditionExpression("attribute_exists(itemKey)")
                .expressionAttributeNames(Map.of("#cursor", "cursor"))
                .expressionAttributeValues(values));
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
