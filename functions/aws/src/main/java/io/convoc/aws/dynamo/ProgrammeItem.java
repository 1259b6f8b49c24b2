package io.convoc.aws.dynamo;

import io.convoc.core.event.Bilingual;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;
import io.convoc.core.event.SessionStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One item of the events table: the event itself ({@code itemKey = EVENT}) or one programme session
 * ({@code itemKey = SESSION#<id>}), so that a programme is one Query and a session change is one stream record.
 */
public final class ProgrammeItem {
    static final String EVENT = "EVENT";
    static final String SESSION_PREFIX = "SESSION#";

    private String eventId;
    private String itemKey;
    private Bilingual name;
    private Bilingual theme;
    private Bilingual patronage;
    private Bilingual city;
    private Bilingual venue;
    private String startDate;
    private String endDate;
    private String zone;
    private List<Bilingual> organizers;
    private Bilingual signatory;
    private Bilingual issuingPlace;
    private Bilingual practicalInformation;
    private String referencePrefix;
    private Boolean foreignMobiles;
    private Integer hijriAdjustment;
    private String sessionId;
    private String sessionKind;
    private Bilingual title;
    private String start;
    private String end;
    private Bilingual room;
    private String status;
    private Integer version;
    /** How the session item was written: {@code load} (an event's data loaded whole) or {@code edit} (an organizer). */
    private String origin;
    static final String LOADED = "load";
    static final String EDITED = "edit";

    static final StaticTableSchema<ProgrammeItem> SCHEMA = schema();

    private static StaticTableSchema<ProgrammeItem> schema() {
        StaticTableSchema.Builder<ProgrammeItem> b = StaticTableSchema.builder(ProgrammeItem.class)
                .newItemSupplier(ProgrammeItem::new)
                .addAttribute(String.class, a -> a.name("eventId").getter(i -> i.eventId).setter((i, v) -> i.eventId = v)
                        .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("itemKey").getter(i -> i.itemKey).setter((i, v) -> i.itemKey = v)
                        .tags(StaticAttributeTags.primarySortKey()))
                .addAttribute(EnhancedType.listOf(Bilingual.class), a -> a.name("organizers")
                        .getter(i -> i.organizers).setter((i, v) -> i.organizers = v)
                        .attributeConverter(new BilingualListConverter()));
        text(b, "name", i -> i.name, (i, v) -> i.name = v);
        text(b, "theme", i -> i.theme, (i, v) -> i.theme = v);
        text(b, "patronage", i -> i.patronage, (i, v) -> i.patronage = v);
        text(b, "city", i -> i.city, (i, v) -> i.city = v);
        text(b, "venue", i -> i.venue, (i, v) -> i.venue = v);
        text(b, "signatory", i -> i.signatory, (i, v) -> i.signatory = v);
        text(b, "issuingPlace", i -> i.issuingPlace, (i, v) -> i.issuingPlace = v);
        text(b, "practicalInformation", i -> i.practicalInformation, (i, v) -> i.practicalInformation = v);
        text(b, "title", i -> i.title, (i, v) -> i.title = v);
        text(b, "room", i -> i.room, (i, v) -> i.room = v);
        string(b, "startDate", i -> i.startDate, (i, v) -> i.startDate = v);
        string(b, "endDate", i -> i.endDate, (i, v) -> i.endDate = v);
        string(b, "zone", i -> i.zone, (i, v) -> i.zone = v);
        string(b, "referencePrefix", i -> i.referencePrefix, (i, v) -> i.referencePrefix = v);
        b.addAttribute(Boolean.class, a -> a.name("foreignMobiles").getter(i -> i.foreignMobiles)
                .setter((i, v) -> i.foreignMobiles = v));
        b.addAttribute(Integer.class, a -> a.name("hijriAdjustment").getter(i -> i.hijriAdjustment)
                .setter((i, v) -> i.hijriAdjustment = v));
        string(b, "sessionId", i -> i.sessionId, (i, v) -> i.sessionId = v);
        string(b, "sessionKind", i -> i.sessionKind, (i, v) -> i.sessionKind = v);
        string(b, "start", i -> i.start, (i, v) -> i.start = v);
        string(b, "end", i -> i.end, (i, v) -> i.end = v);
        string(b, "status", i -> i.status, (i, v) -> i.status = v);
        string(b, "origin", i -> i.origin, (i, v) -> i.origin = v);
        b.addAttribute(Integer.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v));
        return b.build();
    }

    private static void text(StaticTableSchema.Builder<ProgrammeItem> b, String name,
                             Function<ProgrammeItem, Bilingual> get, BiConsumer<ProgrammeItem, Bilingual> set) {
        b.addAttribute(Bilingual.class, a -> a.name(name).getter(get).setter(set)
                .attributeConverter(new BilingualConverter()));
    }

    private static void string(StaticTableSchema.Builder<ProgrammeItem> b, String name,
                               Function<ProgrammeItem, String> get, BiConsumer<ProgrammeItem, String> set) {
        b.addAttribute(String.class, a -> a.name(name).getter(get).setter(set));
    }

    // Package-private accessors for the repository's mapping.
    String eventId() { return eventId; }
    String itemKey() { return itemKey; }
    Bilingual name() { return name; }
    Bilingual theme() { return theme; }
    Bilingual patronage() { return patronage; }
    Bilingual city() { return city; }
    Bilingual venue() { return venue; }
    String startDate() { return startDate; }
    String endDate() { return endDate; }
    String zone() { return zone; }
    List<Bilingual> organizers() { return organizers; }
    Bilingual signatory() { return signatory; }
    Bilingual issuingPlace() { return issuingPlace; }
    Bilingual practicalInformation() { return practicalInformation; }
    String referencePrefix() { return referencePrefix; }
    boolean foreignMobiles() { return Boolean.TRUE.equals(foreignMobiles); }
    int hijriAdjustment() { return hijriAdjustment == null ? 0 : hijriAdjustment; }
    String sessionId() { return sessionId; }
    String sessionKind() { return sessionKind; }
    Bilingual title() { return title; }
    String start() { return start; }
    String end() { return end; }
    Bilingual room() { return room; }

    ProgrammeSession toSession() {
        return new ProgrammeSession(sessionId, SessionKind.valueOf(sessionKind), title, LocalDateTime.parse(start),
                LocalDateTime.parse(end), room, status == null ? SessionStatus.SCHEDULED : SessionStatus.valueOf(status),
                version == null ? 1 : version);
    }

    /** A session as an item image (stream images, and the baselines and changes kept in the events table). */
    static Map<String, AttributeValue> sessionImage(String eventId, ProgrammeSession s) {
        return SCHEMA.itemToMap(session(eventId, s), true);
    }

    static ProgrammeSession sessionOf(Map<String, AttributeValue> image) {
        return SCHEMA.mapToItem(image).toSession();
    }

    static ProgrammeItem event(io.convoc.core.event.Event e) {
        ProgrammeItem i = new ProgrammeItem();
        i.eventId = e.id();
        i.itemKey = EVENT;
        i.name = e.name();
        i.theme = e.theme();
        i.patronage = e.patronage();
        i.city = e.city();
        i.venue = e.venue();
        i.startDate = e.startDate().toString();
        i.endDate = e.endDate().toString();
        i.zone = e.zone().getId();
        i.organizers = e.organizers();
        i.signatory = e.signatory();
        i.issuingPlace = e.issuingPlace();
        i.practicalInformation = e.practicalInformation();
        i.referencePrefix = e.referencePrefix();
        i.foreignMobiles = e.foreignMobiles() ? Boolean.TRUE : null;
        i.hijriAdjustment = e.hijriAdjustment() == 0 ? null : e.hijriAdjustment();
        return i;
    }

    static ProgrammeItem session(String eventId, ProgrammeSession s, String origin) {
        ProgrammeItem i = session(eventId, s);
        i.origin = origin;
        return i;
    }

    static ProgrammeItem session(String eventId, ProgrammeSession s) {
        ProgrammeItem i = new ProgrammeItem();
        i.eventId = eventId;
        i.itemKey = SESSION_PREFIX + s.id();
        i.sessionId = s.id();
        i.sessionKind = s.kind().name();
        i.title = s.title();
        i.start = s.start().toString();
        i.end = s.end().toString();
        i.room = s.room();
        i.status = s.status().name();
        i.version = s.version();
        return i;
    }
}
