package io.convoc.aws.dynamo;

import io.convoc.core.letters.LetterExport;
import io.convoc.core.letters.LetterExport.State;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.letters.Requester;
import io.convoc.core.ports.LetterExportRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports in the letter downloads table, one item each: {@code EXPORT#<id>} / {@code STATE}, with the selection
 * (an explicit list of at most {@link LetterSelection#MAX_IDS} ids included, some 80 KB), who asked, the state and
 * the counts. No {@code userKey}: exports are not in the {@code byUser} index, the letters they bound are (the
 * audit entries the export writes).
 */
public final class LetterExportTable implements LetterExportRepository {
    static final String STATE = "STATE";
    private final DynamoDbClient dynamo;
    private final String table;

    public LetterExportTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String exportId) {
        return Map.of("letterKey", AttributeValue.fromS("EXPORT#" + exportId), "sortKey", AttributeValue.fromS(STATE));
    }

    @Override
    public void create(LetterExport e) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.id()));
        item.put("exportId", AttributeValue.fromS(e.id()));
        LetterSelection s = e.selection();
        item.put("eventId", AttributeValue.fromS(s.eventId()));
        put(item, "category", s.category() == null ? null : s.category().name());
        put(item, "region", s.region() == null ? null : s.region().name());
        put(item, "workshop", s.workshop());
        put(item, "status", s.status() == null ? null : s.status().name());
        if (s.explicit()) {
            item.put("registrationIds", AttributeValue.fromL(s.registrationIds().stream().map(AttributeValue::fromS)
                    .toList()));
        }
        item.put("state", AttributeValue.fromS(e.state().name()));
        Requester by = e.requestedBy();
        put(item, "subject", by.subject());
        put(item, "userName", by.userName());
        put(item, "role", by.role());
        put(item, "sourceIp", by.sourceIp());
        put(item, "userAgent", by.userAgent());
        item.put("requestedAt", AttributeValue.fromS(LetterDownloadTable.time(e.requestedAt())));
        item.put("attempts", AttributeValue.fromN("0"));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(letterKey)"));
    }

    @Override
    public Optional<LetterExport> find(String exportId) {
        if (!io.convoc.core.validation.Keys.isKey(exportId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(exportId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(export(item));
    }

    @Override
    public Optional<LetterExport> start(String exportId, Instant at) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(key(exportId))
                    .updateExpression("SET #state = :running, startedAt = if_not_exists(startedAt, :at) "
                            + "ADD attempts :one")
                    .conditionExpression("#state IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":running", AttributeValue.fromS(State.RUNNING.name()),
                            ":queued", AttributeValue.fromS(State.QUEUED.name()),
                            ":at", AttributeValue.fromS(LetterDownloadTable.time(at)),
                            ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(export(item));
        } catch (ConditionalCheckFailedException finishedOrUnknown) {
            return Optional.empty();
        }
    }

    @Override
    public void ready(String exportId, String fileKey, int letters, int skipped, int pages, int coverPages,
                      long bytes, Instant at) {
        dynamo.updateItem(u -> u.tableName(table).key(key(exportId))
                .updateExpression("SET #state = :ready, fileKey = :key, letters = :letters, skipped = :skipped, "
                        + "pages = :pages, coverPages = :cover, bytes = :bytes, finishedAt = :at")
                .conditionExpression("#state = :running")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(
                        ":ready", AttributeValue.fromS(State.READY.name()),
                        ":running", AttributeValue.fromS(State.RUNNING.name()),
                        ":key", AttributeValue.fromS(fileKey),
                        ":letters", n(letters),
                        ":skipped", n(skipped),
                        ":pages", n(pages),
                        ":cover", n(coverPages),
                        ":bytes", n(bytes),
                        ":at", AttributeValue.fromS(LetterDownloadTable.time(at)))));
    }

    @Override
    public void fail(String exportId, String reason, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(exportId))
                    .updateExpression("SET #state = :failed, reason = :reason, finishedAt = :at")
                    .conditionExpression("#state IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":failed", AttributeValue.fromS(State.FAILED.name()),
                            ":queued", AttributeValue.fromS(State.QUEUED.name()),
                            ":running", AttributeValue.fromS(State.RUNNING.name()),
                            ":reason", AttributeValue.fromS(reason.length() > 1000 ? reason.substring(0, 1000)
                                    : reason),
                            ":at", AttributeValue.fromS(LetterDownloadTable.time(at)))));
        } catch (ConditionalCheckFailedException finished) {
            // finished meanwhile (or unknown): its state stands
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(String.valueOf(value));
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

    private static int i(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Integer.parseInt(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = s(item, name);
        return v == null ? null : java.time.OffsetDateTime.parse(v).toInstant();
    }

    static LetterExport export(Map<String, AttributeValue> item) {
        List<String> ids = item.containsKey("registrationIds")
                ? item.get("registrationIds").l().stream().map(AttributeValue::s).toList() : List.of();
        String category = s(item, "category");
        String region = s(item, "region");
        String status = s(item, "status");
        LetterSelection selection = new LetterSelection(s(item, "eventId"),
                category == null ? null : Category.valueOf(category), region == null ? null : Region.valueOf(region),
                s(item, "workshop"), status == null ? null : RegistrationStatus.valueOf(status), ids);
        Requester by = new Requester(s(item, "subject"), s(item, "userName"), s(item, "role"), s(item, "sourceIp"),
                s(item, "userAgent"));
        AttributeValue bytes = item.get("bytes");
        return new LetterExport(s(item, "exportId"), selection, State.valueOf(s(item, "state")), by,
                instant(item, "requestedAt"), instant(item, "startedAt"), instant(item, "finishedAt"),
                s(item, "fileKey"), i(item, "letters"), i(item, "skipped"), i(item, "pages"), i(item, "coverPages"),
                bytes == null ? 0 : Long.parseLong(bytes.n()), s(item, "reason"), i(item, "attempts"));
    }
}
