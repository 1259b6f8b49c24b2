package io.convoc.aws.dynamo;

import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationStatus;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registrations in DynamoDB. A new registration, its e-mail claim and its workshop attendances are
 * written in one transaction, so two concurrent requests for the same address store exactly one.
 */
public final class RegistrationTable implements RegistrationRepository {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient dynamo;
    private final DynamoDbTable<RegistrationItem> registrations;
    private final DynamoDbIndex<RegistrationItem> byEvent;
    private final DynamoDbTable<LookupItem> lookups;

    public RegistrationTable(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, String registrationsTable,
                             String lookupsTable) {
        this.enhanced = enhanced;
        this.dynamo = dynamo;
        this.registrations = enhanced.table(registrationsTable, RegistrationItem.SCHEMA);
        this.byEvent = registrations.index(RegistrationItem.BY_EVENT_INDEX);
        this.lookups = enhanced.table(lookupsTable, LookupItem.SCHEMA);
    }

    @Override
    public void create(Registration r) {
        String emailKey = LookupItem.email(r.eventId(), Registration.emailKey(r.email()));
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(registrations, TransactPutItemEnhancedRequest.builder(RegistrationItem.class)
                        .item(RegistrationItem.from(r))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build())
                        .build())
                .addPutItem(lookups, TransactPutItemEnhancedRequest.builder(LookupItem.class)
                        .item(LookupItem.of(emailKey, LookupItem.NO_SORT, r.id()))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(lookupKey)").build())
                        .build());
        for (String workshop : r.workshops()) {
            tx.addPutItem(lookups, LookupItem.of(LookupItem.session(r.eventId(), workshop), r.protocolKey(), r.id()));
        }
        try {
            enhanced.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            String existing = findIdByEmail(r.eventId(), r.email()).orElse(null);
            if (existing != null) {
                throw new DuplicateRegistration(r.eventId(), existing);
            }
            throw e;
        }
    }

    @Override
    public Optional<Registration> find(String id) {
        if (!io.convoc.core.validation.Keys.isKey(id)) {
            return Optional.empty(); // cannot be a stored id: never sent to DynamoDB (key limits, invalid UTF-8)
        }
        RegistrationItem item = registrations.getItem(r -> r.key(k -> k.partitionValue(id)).consistentRead(true));
        return Optional.ofNullable(item).map(RegistrationItem::toRegistration);
    }

    @Override
    public Optional<String> findIdByEmail(String eventId, String email) {
        LookupItem claim = lookups.getItem(r -> r.key(k -> k
                .partitionValue(LookupItem.email(eventId, Registration.emailKey(email)))
                .sortValue(LookupItem.NO_SORT)).consistentRead(true));
        return Optional.ofNullable(claim).map(c -> c.registrationId);
    }

    @Override
    public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
        String rankPrefix = query.category() == null ? null : query.category().rank() + "#";
        if (query.workshop() != null) {
            return listAttending(eventId, query.workshop(), rankPrefix, query, cursor, limit);
        }
        Key partition = rankPrefix == null ? Key.builder().partitionValue(eventId).build()
                : Key.builder().partitionValue(eventId).sortValue(rankPrefix).build();
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(rankPrefix == null ? QueryConditional.keyEqualTo(partition)
                        : QueryConditional.sortBeginsWith(partition))
                .exclusiveStartKey(Cursor.decode(cursor, Set.of("id", "eventId", "protocolKey"),
                        Map.of("eventId", eventId)))
                .limit(limit);
        Expression filter = filter(query);
        if (filter != null) {
            // applied after the index is read: a page may come back shorter than the limit, with a cursor
            request.filterExpression(filter);
        }
        var page = byEvent.query(request.build()).iterator().next();
        return new Page<>(page.items().stream().map(RegistrationItem::toRegistration).toList(),
                Cursor.encode(page.lastEvaluatedKey()));
    }

    /** Region and status as a filter expression on the index query; null when neither is asked. */
    private static Expression filter(RegistrationQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (query.region() != null) {
            conditions.add("#region = :region");
            names.put("#region", "region");
            values.put(":region", AttributeValue.fromS(query.region().name()));
        }
        if (query.status() != null) {
            conditions.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(query.status().name()));
        }
        return conditions.isEmpty() ? null : Expression.builder().expression(String.join(" AND ", conditions))
                .expressionNames(names).expressionValues(values).build();
    }

    @Override
    public List<Registration> findAll(java.util.Collection<String> ids) {
        List<String> asked = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<Registration> found = new ArrayList<>(asked.size());
        for (int i = 0; i < asked.size(); i += 100) {
            found.addAll(getAll(asked.subList(i, Math.min(asked.size(), i + 100))));
        }
        return found;
    }

    private Page<Registration> listAttending(String eventId, String workshop, String rankPrefix,
                                             RegistrationQuery query, String cursor, int limit) {
        String lookupKey = LookupItem.session(eventId, workshop);
        Key partition = rankPrefix == null ? Key.builder().partitionValue(lookupKey).build()
                : Key.builder().partitionValue(lookupKey).sortValue(rankPrefix).build();
        var page = lookups.query(QueryEnhancedRequest.builder()
                .queryConditional(rankPrefix == null ? QueryConditional.keyEqualTo(partition)
                        : QueryConditional.sortBeginsWith(partition))
                .exclusiveStartKey(Cursor.decode(cursor, Set.of("lookupKey", "sortKey"), Map.of("lookupKey", lookupKey)))
                .consistentRead(true)
                .limit(limit)
                .build()).iterator().next();
        List<String> ids = page.items().stream().map(i -> i.registrationId).toList();
        // attendance items carry no region nor status: those filters apply to the registrations read
        return new Page<>(getAll(ids).stream().filter(query::keeps).toList(), Cursor.encode(page.lastEvaluatedKey()));
    }

    /** Registrations, their claims and attendances: at most this many items in one transaction (DynamoDB's limit). */
    static final int MAX_TRANSACTION_ITEMS = 100;

    @Override
    public List<String> createAll(List<Registration> all) {
        List<String> existing = new ArrayList<>(all.size());
        List<Registration> chunk = new ArrayList<>();
        int items = 0;
        for (Registration r : all) {
            int size = 2 + r.workshops().size();
            if (items + size > MAX_TRANSACTION_ITEMS && !chunk.isEmpty()) {
                existing.addAll(createChunk(chunk));
                chunk = new ArrayList<>();
                items = 0;
            }
            chunk.add(r);
            items += size;
        }
        if (!chunk.isEmpty()) {
            existing.addAll(createChunk(chunk));
        }
        return existing;
    }

    /** One transaction for the chunk; if any condition fails (an address taken meanwhile), each row on its own. */
    private List<String> createChunk(List<Registration> chunk) {
        if (chunk.size() > 1) {
            TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
            chunk.forEach(r -> addCreate(tx, r));
            try {
                enhanced.transactWriteItems(tx.build());
                return java.util.Collections.nCopies(chunk.size(), null);
            } catch (TransactionCanceledException e) {
                // fall through: one by one, so that each duplicate is named and the others stored
            }
        }
        List<String> existing = new ArrayList<>(chunk.size());
        for (Registration r : chunk) {
            try {
                create(r);
                existing.add(null);
            } catch (DuplicateRegistration d) {
                existing.add(d.existingId());
            }
        }
        return existing;
    }

    private void addCreate(TransactWriteItemsEnhancedRequest.Builder tx, Registration r) {
        String emailKey = LookupItem.email(r.eventId(), Registration.emailKey(r.email()));
        tx.addPutItem(registrations, TransactPutItemEnhancedRequest.builder(RegistrationItem.class)
                        .item(RegistrationItem.from(r))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build())
                        .build())
                .addPutItem(lookups, TransactPutItemEnhancedRequest.builder(LookupItem.class)
                        .item(LookupItem.of(emailKey, LookupItem.NO_SORT, r.id()))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(lookupKey)").build())
                        .build());
        for (String workshop : r.workshops()) {
            tx.addPutItem(lookups, LookupItem.of(LookupItem.session(r.eventId(), workshop), r.protocolKey(), r.id()));
        }
    }

    @Override
    public Map<String, String> findIdsByEmail(String eventId, java.util.Collection<String> emails) {
        Map<String, String> found = new HashMap<>();
        List<String> keys = emails.stream().map(Registration::emailKey).distinct().toList();
        for (int from = 0; from < keys.size(); from += 100) {
            ReadBatch.Builder<LookupItem> batch = ReadBatch.builder(LookupItem.class).mappedTableResource(lookups);
            keys.subList(from, Math.min(keys.size(), from + 100)).forEach(k -> batch.addGetItem(Key.builder()
                    .partitionValue(LookupItem.email(eventId, k)).sortValue(LookupItem.NO_SORT).build()));
            String prefix = LookupItem.email(eventId, "");
            for (BatchGetResultPage page : enhanced.batchGetItem(b -> b.readBatches(batch.build()))) {
                page.resultsForTable(lookups).forEach(i -> found.put(i.lookupKey.substring(prefix.length()),
                        i.registrationId));
            }
        }
        return found;
    }

    /** BatchGetItem, in the order asked (the batch answers in any order). */
    private List<Registration> getAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ReadBatch.Builder<RegistrationItem> batch = ReadBatch.builder(RegistrationItem.class)
                .mappedTableResource(registrations);
        ids.forEach(id -> batch.addGetItem(Key.builder().partitionValue(id).build()));
        Map<String, Registration> found = new HashMap<>();
        for (BatchGetResultPage page : enhanced.batchGetItem(b -> b.readBatches(batch.build()))) {
            page.resultsForTable(registrations).forEach(i -> found.put(i.id, i.toRegistration()));
        }
        List<Registration> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> Optional.ofNullable(found.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    @Override
    public boolean recordLetter(String registrationId, int expectedPreviousVersion, LetterInfo letter, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":v", AttributeValue.fromN(String.valueOf(letter.version())),
                ":ref", AttributeValue.fromS(letter.reference()),
                ":key", AttributeValue.fromS(letter.key()),
                ":sha", AttributeValue.fromS(letter.sha256()),
                ":gen", AttributeValue.fromS(letter.generatedAt().toString()),
                ":status", AttributeValue.fromS(RegistrationStatus.LETTER_READY.name()),
                ":sc", AttributeValue.fromN(String.valueOf(letter.scheduleChange())),
                ":at", AttributeValue.fromS(at.toString())));
        String condition;
        if (expectedPreviousVersion == 0) {
            condition = "attribute_exists(id) AND attribute_not_exists(letterVersion)";
        } else {
            condition = "letterVersion = :prev";
            values.put(":prev", AttributeValue.fromN(String.valueOf(expectedPreviousVersion)));
        }
        try {
            dynamo.updateItem(u -> u.tableName(registrations.tableName())
                    .key(Map.of("id", AttributeValue.fromS(registrationId)))
                    .updateExpression("SET letterVersion = :v, letterReference = :ref, letterKey = :key, "
                            + "letterSha256 = :sha, letterGeneratedAt = :gen, letterScheduleChange = :sc, "
                            + "#status = :status, updatedAt = :at "
                            + "REMOVE statusReason")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean markScheduleChanged(String registrationId, int changeNumber, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(registrations.tableName())
                    .key(Map.of("id", AttributeValue.fromS(registrationId)))
                    .updateExpression("SET scheduleChange = :n, updatedAt = :at")
                    .conditionExpression("attribute_exists(id) AND (attribute_not_exists(scheduleChange) "
                            + "OR scheduleChange < :n)")
                    .expressionAttributeValues(Map.of(
                            ":n", AttributeValue.fromN(String.valueOf(changeNumber)),
                            ":at", AttributeValue.fromS(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyMarked) {
            return false;
        }
    }

    @Override
    public void recordLetterFailure(String registrationId, String reason, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(registrations.tableName())
                    .key(Map.of("id", AttributeValue.fromS(registrationId)))
                    .updateExpression("SET #status = :status, statusReason = :reason, updatedAt = :at")
                    .conditionExpression("attribute_exists(id) AND attribute_not_exists(letterVersion)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status", AttributeValue.fromS(RegistrationStatus.LETTER_FAILED.name()),
                            ":reason", AttributeValue.fromS(reason),
                            ":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException letterAlreadyThere) {
            // a letter was produced meanwhile (or the registration is gone): nothing to mark
        }
    }
}
