package io.convoc.aws.dynamo;

import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.ProgrammeRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.LocalDate;
import java.util.Map;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Events and their programmes in the events table: one Query reads a whole programme. */
public final class ProgrammeTable implements ProgrammeRepository {
    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ProgrammeItem> table;

    public ProgrammeTable(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, ProgrammeItem.SCHEMA);
    }

    @Override
    public Optional<Programme> find(String eventId) {
        if (!io.convoc.core.validation.Keys.isKey(eventId)) {
            return Optional.empty(); // cannot be a stored event: never sent to DynamoDB (key limits, invalid UTF-8)
        }
        Event event = null;
        List<ProgrammeSession> sessions = new ArrayList<>();
        for (ProgrammeItem i : table.query(r -> r.queryConditional(
                QueryConditional.keyEqualTo(Key.builder().partitionValue(eventId).build())).consistentRead(true)).items()) {
            if (ProgrammeItem.EVENT.equals(i.itemKey())) {
                event = new Event(i.eventId(), i.name(), i.theme(), i.patronage(), i.city(), i.venue(),
                        LocalDate.parse(i.startDate()), LocalDate.parse(i.endDate()), ZoneId.of(i.zone()),
                        i.organizers(), i.signatory(), i.issuingPlace(), i.practicalInformation(), i.referencePrefix(),
                        i.foreignMobiles(), i.hijriAdjustment());
            } else if (i.itemKey().startsWith(ProgrammeItem.SESSION_PREFIX)) {
                sessions.add(i.toSession());
            }
        }
        return event == null ? Optional.empty() : Optional.of(new Programme(event, sessions));
    }

    @Override
    public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
        Expression condition = expectedVersion == 0
                ? Expression.builder().expression("attribute_not_exists(itemKey)").build()
                : Expression.builder().expression("#v = :v")
                .expressionNames(Map.of("#v", "version"))
                .expressionValues(Map.of(":v", AttributeValue.fromN(String.valueOf(expectedVersion)))).build();
        try {
            table.putItem(PutItemEnhancedRequest.builder(ProgrammeItem.class)
                    .item(ProgrammeItem.session(eventId, session, ProgrammeItem.EDITED)).conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(Programme programme) {
        String eventId = programme.event().id();
        Set<String> kept = programme.sessions().stream().map(s -> ProgrammeItem.SESSION_PREFIX + s.id())
                .collect(Collectors.toSet());
        List<ProgrammeItem> puts = new ArrayList<>();
        puts.add(ProgrammeItem.event(programme.event()));
        programme.sessions().forEach(s -> puts.add(ProgrammeItem.session(eventId, s, ProgrammeItem.LOADED)));
        List<Key> deletes = new ArrayList<>();
        table.query(QueryConditional.sortBeginsWith(Key.builder().partitionValue(eventId)
                .sortValue(ProgrammeItem.SESSION_PREFIX).build())).items().forEach(i -> {
                    if (!kept.contains(i.itemKey())) {
                        deletes.add(Key.builder().partitionValue(eventId).sortValue(i.itemKey()).build());
                    }
                });
        // BatchWriteItem takes 25 requests at a time
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        for (int from = 0; from < all.size(); from += 25) {
            WriteBatch.Builder<ProgrammeItem> batch = WriteBatch.builder(ProgrammeItem.class).mappedTableResource(table);
            for (Object o : all.subList(from, Math.min(all.size(), from + 25))) {
                if (o instanceof ProgrammeItem item) {
                    batch.addPutItem(item);
                } else {
                    batch.addDeleteItem((Key) o);
                }
            }
            var result = client.batchWriteItem(b -> b.writeBatches(batch.build()));
            if (!result.unprocessedPutItemsForTable(table).isEmpty()
                    || !result.unprocessedDeleteItemsForTable(table).isEmpty()) {
                throw new IllegalStateException("programme of " + eventId + " only partly saved (throttled); retry");
            }
        }
    }
}
