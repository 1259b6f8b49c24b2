package io.convoc.aws.dynamo;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.Page;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Announcements in DynamoDB, one item each (key {@code id}: the number as text), and the number counter (item
 * {@code COUNTER}). Two sparse indexes: {@code byNumber} (every announcement, newest first, for the listing) and
 * {@code byDue} (only SCHEDULED ones, by the time they are due, for the dispatcher). The counters are top-level
 * numbers that the notices' writes {@code ADD} to (see {@link NotificationTable}).
 */
public final class AnnouncementTable implements AnnouncementRepository {
    static final String BY_NUMBER = "byNumber";
    static final String BY_DUE = "byDue";
    static final String LISTED = "ANNOUNCEMENTS";
    static final String DUE = "DUE";
    /** The counters, in the order of {@link AnnouncementCounters}'s components. */
    static final List<String> COUNTERS = List.of("targeted", "queued", "sent", "delivered", "bounced", "failed",
            "suppressed", "cancelled", "unknown", "outstanding");

    private final DynamoDbClient dynamo;
    private final String table;

    public AnnouncementTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String tableName() {
        return table;
    }

    static Map<String, AttributeValue> key(int number) {
        return Map.of("id", AttributeValue.fromS(Integer.toString(number)));
    }

    @Override
    public int nextNumber() {
        return Integer.parseInt(dynamo.updateItem(u -> u.tableName(table)
                .key(Map.of("id", AttributeValue.fromS("COUNTER")))
                .updateExpression("ADD lastNumber :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("lastNumber").n());
    }

    @Override
    public void create(Announcement a) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.number()));
        item.put("number", AttributeValue.fromN(Integer.toString(a.number())));
        item.put("listBucket", AttributeValue.fromS(LISTED));
        item.put("listKey", AttributeValue.fromS(String.format("%010d", a.number())));
        item.put("eventId", AttributeValue.fromS(a.eventId()));
        item.put("subject", bilingual(a.subject()));
        item.put("body", bilingual(a.body()));
        item.put("sms", bilingual(a.sms()));
        putSet(item, "channels", a.channels(), Channel::name);
        Map<String, AttributeValue> audience = new HashMap<>();
        putSet(audience, "categories", a.audience().categories(), Category::name);
        putSet(audience, "regions", a.audience().regions(), Region::name);
        putSet(audience, "workshops", a.audience().workshops(), Function.identity());
        putSet(audience, "languages", a.audience().languages(), Language::name);
        putSet(audience, "statuses", a.audience().statuses(), RegistrationStatus::name);
        item.put("audience", AttributeValue.fromM(audience));
        item.put("state", AttributeValue.fromS(a.state().name()));
        if (a.scheduledFor() != null) {
            item.put("scheduledFor", AttributeValue.fromS(a.scheduledFor().toString()));
        }
        if (a.createdBy() != null) {
            item.put("createdBy", AttributeValue.fromS(a.createdBy()));
        }
        item.put("createdAt", AttributeValue.fromS(a.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(a.updatedAt().toString()));
        for (String counter : COUNTERS) {
            item.put(counter, AttributeValue.fromN("0"));
        }
        item.put("fanOutDone", AttributeValue.fromBool(false));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
    }

    @Override
    public Optional<Announcement> find(int number) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(number))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public Page<Announcement> list(String eventId, String cursor, int limit) {
        Map<String, AttributeValue> start = Cursor.decode(cursor, Set.of("id", "listBucket", "listKey"),
                Map.of("listBucket", LISTED));
        List<Announcement> out = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        do {
            Map<String, AttributeValue> from = next;
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":listed", AttributeValue.fromS(LISTED)));
            if (eventId != null) {
                values.put(":event", AttributeValue.fromS(eventId));
            }
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(BY_NUMBER)
                    .keyConditionExpression("listBucket = :listed")
                    .filterExpression(eventId == null ? null : "eventId = :event")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .exclusiveStartKey(from)
                    .limit(limit - out.size()));
            page.items().forEach(i -> out.add(read(i)));
            next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (next != null && out.size() < limit);
        return new Page<>(out, next == null ? null : Cursor.encode(next));
    }

    @Override
    public boolean schedule(int number, Instant scheduledFor, Instant at) {
        return update(number, "SET #state = :to, scheduledFor = :when, dueBucket = :due, dueAt = :dueAt, updatedAt = :at",
                "#state = :draft", Map.of(
                        ":to", AttributeValue.fromS(AnnouncementState.SCHEDULED.name()),
                        ":draft", AttributeValue.fromS(AnnouncementState.DRAFT.name()),
                        ":when", AttributeValue.fromS(scheduledFor.toString()),
                        ":due", AttributeValue.fromS(DUE),
                        ":dueAt", AttributeValue.fromN(Long.toString(scheduledFor.toEpochMilli())),
                        ":at", AttributeValue.fromS(at.toString())));
    }

    @Override
    public boolean startSending(int number, Instant at) {
        return update(number, "SET #state = :to, startedAt = :at, updatedAt = :at REMOVE dueBucket, dueAt",
                "#state = :scheduled", Map.of(
                        ":to", AttributeValue.fromS(AnnouncementState.SENDING.name()),
                        ":scheduled", AttributeValue.fromS(AnnouncementState.SCHEDULED.name()),
                        ":at", AttributeValue.fromS(at.toString())));
    }

    @Override
    public boolean cancel(int number, String reason, Instant at) {
        return update(number, "SET #state = :to, stateReason = :reason, finishedAt = :at, updatedAt = :at"
                        + " REMOVE dueBucket, dueAt",
                "#state IN (:draft, :scheduled, :sending)", Map.of(
                        ":to", AttributeValue.fromS(AnnouncementState.CANCELLED.name()),
                        ":draft", AttributeValue.fromS(AnnouncementState.DRAFT.name()),
                        ":scheduled", AttributeValue.fromS(AnnouncementState.SCHEDULED.name()),
                        ":sending", AttributeValue.fromS(AnnouncementState.SENDING.name()),
                        ":reason", AttributeValue.fromS(reason),
                        ":at", AttributeValue.fromS(at.toString())));
    }

    @Override
    public List<Announcement> due(Instant now, int limit) {
        List<Announcement> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(BY_DUE)
                        .keyConditionExpression("dueBucket = :due AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(DUE),
                                ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                        .limit(limit))
                .items().stream().limit(limit)
                // the index is eventually consistent: read each one for its state now
                .forEach(i -> find(Integer.parseInt(i.get("id").s()))
                        .filter(a -> a.state() == AnnouncementState.SCHEDULED).ifPresent(out::add));
        return out;
    }

    @Override
    public boolean saveFanOut(int number, String expected, String next, boolean done, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":sending", AttributeValue.fromS(AnnouncementState.SENDING.name()),
                ":done", AttributeValue.fromBool(done),
                ":at", AttributeValue.fromS(at.toString())));
        String set = "SET fanOutDone = :done, updatedAt = :at";
        if (next != null) {
            set += ", fanOutCursor = :next";
            values.put(":next", AttributeValue.fromS(next));
        } else {
            set += " REMOVE fanOutCursor";
        }
        String condition = "#state = :sending AND fanOutDone = :false AND ";
        values.put(":false", AttributeValue.fromBool(false));
        if (expected == null) {
            condition += "attribute_not_exists(fanOutCursor)";
        } else {
            condition += "fanOutCursor = :expected";
            values.put(":expected", AttributeValue.fromS(expected));
        }
        return update(number, set, condition, values);
    }

    @Override
    public boolean finishIfDone(int number, Instant at) {
        return update(number, "SET #state = :sent, finishedAt = :at, updatedAt = :at",
                "#state = :sending AND fanOutDone = :true AND outstanding <= :zero", Map.of(
                        ":sent", AttributeValue.fromS(AnnouncementState.SENT.name()),
                        ":sending", AttributeValue.fromS(AnnouncementState.SENDING.name()),
                        ":true", AttributeValue.fromBool(true),
                        ":zero", AttributeValue.fromN("0"),
                        ":at", AttributeValue.fromS(at.toString())));
    }

    private boolean update(int number, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(number))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(id) AND " + condition)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Announcement read(Map<String, AttributeValue> i) {
        Map<String, AttributeValue> audience = i.containsKey("audience") ? i.get("audience").m() : Map.of();
        long[] c = COUNTERS.stream().mapToLong(name -> i.containsKey(name) ? Long.parseLong(i.get(name).n()) : 0)
                .toArray();
        return new Announcement(
                Integer.parseInt(i.get("number").n()),
                i.get("eventId").s(),
                bilingual(i.get("subject")),
                bilingual(i.get("body")),
                bilingual(i.get("sms")),
                enums(i.get("channels"), Channel.class),
                new Audience(enums(audience.get("categories"), Category.class),
                        enums(audience.get("regions"), Region.class),
                        strings(audience.get("workshops")),
                        enums(audience.get("languages"), Language.class),
                        enums(audience.get("statuses"), RegistrationStatus.class)),
                AnnouncementState.valueOf(i.get("state").s()),
                instant(i.get("scheduledFor")),
                text(i.get("createdBy")),
                instant(i.get("createdAt")),
                instant(i.get("updatedAt")),
                new AnnouncementCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]),
                text(i.get("fanOutCursor")),
                i.containsKey("fanOutDone") && Boolean.TRUE.equals(i.get("fanOutDone").bool()),
                text(i.get("stateReason")));
    }

    private static AttributeValue bilingual(Bilingual text) {
        return AttributeValue.fromM(Map.of("fr", AttributeValue.fromS(text.fr()), "ar", AttributeValue.fromS(text.ar())));
    }

    private static Bilingual bilingual(AttributeValue v) {
        if (v == null || !v.hasM()) {
            return Bilingual.of("", "");
        }
        return Bilingual.of(text(v.m().get("fr")), text(v.m().get("ar")));
    }

    private static <T> void putSet(Map<String, AttributeValue> item, String name, Collection<T> values,
                                   Function<T, String> text) {
        if (!values.isEmpty()) { // DynamoDB has no empty set
            item.put(name, AttributeValue.fromSs(values.stream().map(text).collect(Collectors.toList())));
        }
    }

    private static Set<String> strings(AttributeValue v) {
        return v == null || !v.hasSs() ? Set.of() : new java.util.TreeSet<>(v.ss());
    }

    private static <E extends Enum<E>> Set<E> enums(AttributeValue v, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        strings(v).forEach(s -> out.add(Enum.valueOf(type, s)));
        return out;
    }

    private static String text(AttributeValue v) {
        return v == null || v.s() == null ? null : v.s();
    }

    private static Instant instant(AttributeValue v) {
        return v == null || v.s() == null ? null : Instant.parse(v.s());
    }
}
