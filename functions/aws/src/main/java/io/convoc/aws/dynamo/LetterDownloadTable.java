package io.convoc.aws.dynamo;

import io.convoc.core.letters.LetterDownload;
import io.convoc.core.letters.Requester;
import io.convoc.core.ports.LetterDownloadLog;
import io.convoc.core.ports.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The letter downloads audit in the letter downloads table.
 *
 * <ul>
 *   <li>{@code LETTER#<registration>} / {@code AT#<time>#<id>}: one entry per download or letter exported, with
 *   {@code userKey = USER#<subject>} for the {@code byUser} index; a registration's entries in time order.</li>
 *   <li>{@code LETTER#<registration>} / {@code LAST}: a copy of its latest entry (no {@code userKey}: not in the
 *   index), put only over an older one, so that a listing page reads the last downloads of its 100 letters in one
 *   BatchGetItem.</li>
 * </ul>
 * Times are written with a fixed number of digits (microseconds, UTC) so that they sort as strings.
 */
public final class LetterDownloadTable implements LetterDownloadLog {
    public static final String BY_USER_INDEX = "byUser";
    static final String LAST = "LAST";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int WRITE_BATCH = 25;
    private static final int LAST_WRITERS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public LetterDownloadTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String letterKey(String registrationId) {
        return "LETTER#" + registrationId;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    @Override
    public void record(LetterDownload download) {
        Map<String, AttributeValue> entry = entry(download);
        dynamo.putItem(p -> p.tableName(table).item(entry));
        putLast(entry);
    }

    @Override
    public void recordAll(List<LetterDownload> downloads) {
        List<Map<String, AttributeValue>> entries = downloads.stream().map(LetterDownloadTable::entry).toList();
        for (int i = 0; i < entries.size(); i += WRITE_BATCH) {
            List<WriteRequest> writes = entries.subList(i, Math.min(entries.size(), i + WRITE_BATCH)).stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(e).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backOff(attempt);
                }
                Map<String, List<WriteRequest>> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(batch));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                pending = pending.entrySet().stream().anyMatch(e -> !e.getValue().isEmpty()) ? pending : Map.of();
            }
        }
        putAllLast(entries);
    }

    /** The LAST items of many registrations, several writes at a time (each is a conditional put of its own). */
    private void putAllLast(List<Map<String, AttributeValue>> entries) {
        if (entries.size() < 2) {
            entries.forEach(this::putLast);
            return;
        }
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(LAST_WRITERS, entries.size()), r -> {
                    Thread t = new Thread(r, "letter-downloads-last");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> writes = entries.stream()
                    .map(e -> writers.submit(() -> putLast(e))).collect(java.util.stream.Collectors.toList());
            for (java.util.concurrent.Future<?> write : writes) {
                write.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            writers.shutdownNow();
        }
    }

    /** The registration's LAST item, unless it records a later download already. */
    private void putLast(Map<String, AttributeValue> entry) {
        Map<String, AttributeValue> last = new HashMap<>(entry);
        last.put("sortKey", AttributeValue.fromS(LAST));
        last.remove("userKey");
        try {
            dynamo.putItem(p -> p.tableName(table).item(last)
                    .conditionExpression("attribute_not_exists(sortKey) OR #at <= :at")
                    .expressionAttributeNames(Map.of("#at", "at"))
                    .expressionAttributeValues(Map.of(":at", entry.get("at"))));
        } catch (ConditionalCheckFailedException laterOneThere) {
            // a later download is the last one
        }
    }

    @Override
    public Page<LetterDownload> byRegistration(String registrationId, String cursor, int limit) {
        String key = letterKey(registrationId);
        QueryResponse page = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("letterKey = :k AND begins_with(sortKey, :at)")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key), ":at", AttributeValue.fromS("AT#")))
                .scanIndexForward(false)
                .exclusiveStartKey(Cursor.decode(cursor, Set.of("letterKey", "sortKey"), Map.of("letterKey", key)))
                .limit(limit));
        return new Page<>(page.items().stream().map(LetterDownloadTable::download).toList(),
                Cursor.encode(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    @Override
    public Page<LetterDownload> byUser(String subject, String cursor, int limit) {
        String key = "USER#" + subject;
        QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(BY_USER_INDEX)
                .keyConditionExpression("userKey = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(key)))
                .scanIndexForward(false)
                .exclusiveStartKey(Cursor.decode(cursor, Set.of("letterKey", "sortKey", "userKey"),
                        Map.of("userKey", key)))
                .limit(limit));
        return new Page<>(page.items().stream().map(LetterDownloadTable::download).toList(),
                Cursor.encode(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    @Override
    public Map<String, LetterDownload> lastOf(Collection<String> registrationIds) {
        Set<String> ids = new LinkedHashSet<>(registrationIds);
        if (ids.size() > 100) {
            throw new IllegalArgumentException("at most 100 registrations at a time");
        }
        Map<String, LetterDownload> last = new HashMap<>();
        if (ids.isEmpty()) {
            return last;
        }
        List<Map<String, AttributeValue>> keys = ids.stream().map(id -> Map.of(
                "letterKey", AttributeValue.fromS(letterKey(id)), "sortKey", AttributeValue.fromS(LAST))).toList();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backOff(attempt);
            }
            Map<String, KeysAndAttributes> batch = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(batch));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                LetterDownload d = download(item);
                last.put(d.registrationId(), d);
            });
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            pending = pending.values().stream().anyMatch(k -> k.hasKeys() && !k.keys().isEmpty()) ? pending : Map.of();
        }
        return last;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- items

    static Map<String, AttributeValue> entry(LetterDownload d) {
        String at = time(d.at());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("letterKey", AttributeValue.fromS(letterKey(d.registrationId())));
        item.put("sortKey", AttributeValue.fromS("AT#" + at + "#" + d.id()));
        item.put("downloadId", AttributeValue.fromS(d.id()));
        item.put("registrationId", AttributeValue.fromS(d.registrationId()));
        put(item, "eventId", d.eventId());
        item.put("at", AttributeValue.fromS(at));
        item.put("kind", AttributeValue.fromS(d.kind().name()));
        item.put("version", AttributeValue.fromN(String.valueOf(d.version())));
        put(item, "reference", d.reference());
        put(item, "exportId", d.exportId());
        Requester by = d.by();
        if (!by.subject().isEmpty()) {
            item.put("userKey", AttributeValue.fromS("USER#" + by.subject()));
        }
        put(item, "subject", by.subject());
        put(item, "userName", by.userName());
        put(item, "role", by.role());
        put(item, "sourceIp", by.sourceIp());
        put(item, "userAgent", by.userAgent());
        return item;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static LetterDownload download(Map<String, AttributeValue> item) {
        Instant at = java.time.OffsetDateTime.parse(s(item, "at")).toInstant();
        return new LetterDownload(s(item, "downloadId"), s(item, "registrationId"), s(item, "eventId"), at,
                new Requester(s(item, "subject"), s(item, "userName"), s(item, "role"), s(item, "sourceIp"),
                        s(item, "userAgent")),
                Integer.parseInt(item.get("version").n()), s(item, "reference"),
                LetterDownload.Kind.valueOf(s(item, "kind")), s(item, "exportId"));
    }
}
