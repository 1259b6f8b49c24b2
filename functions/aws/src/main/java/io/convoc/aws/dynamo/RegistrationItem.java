package io.convoc.aws.dynamo;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A registration as stored in the registrations table (flat attributes; enums by name, instants ISO-8601). */
public final class RegistrationItem {
    public static final String BY_EVENT_INDEX = "byEventInProtocolOrder";

    String id;
    String eventId;
    String protocolKey;
    String civility;
    String firstName;
    String lastName;
    String arabicName;
    String titleFr;
    String titleAr;
    String category;
    String organisation;
    String region;
    String email;
    String mobile;
    String languages;
    List<String> workshops;
    String source;
    String status;
    String statusReason;
    Integer letterVersion;
    String letterReference;
    String letterKey;
    String letterSha256;
    String letterGeneratedAt;
    String createdAt;
    String updatedAt;
    Integer scheduleChange;
    Integer letterScheduleChange;

    static final StaticTableSchema<RegistrationItem> SCHEMA = schema();

    private static StaticTableSchema<RegistrationItem> schema() {
        StaticTableSchema.Builder<RegistrationItem> b = StaticTableSchema.builder(RegistrationItem.class)
                .newItemSupplier(RegistrationItem::new)
                .addAttribute(String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v)
                        .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("eventId").getter(i -> i.eventId)
                        .setter((i, v) -> i.eventId = v)
                        .tags(StaticAttributeTags.secondaryPartitionKey(BY_EVENT_INDEX)))
                .addAttribute(String.class, a -> a.name("protocolKey").getter(i -> i.protocolKey)
                        .setter((i, v) -> i.protocolKey = v)
                        .tags(StaticAttributeTags.secondarySortKey(BY_EVENT_INDEX)))
                .addAttribute(EnhancedType.listOf(String.class), a -> a.name("workshops")
                        .getter(i -> i.workshops).setter((i, v) -> i.workshops = v))
                .addAttribute(Integer.class, a -> a.name("letterVersion").getter(i -> i.letterVersion)
                        .setter((i, v) -> i.letterVersion = v))
                .addAttribute(Integer.class, a -> a.name("scheduleChange").getter(i -> i.scheduleChange)
                        .setter((i, v) -> i.scheduleChange = v))
                .addAttribute(Integer.class, a -> a.name("letterScheduleChange").getter(i -> i.letterScheduleChange)
                        .setter((i, v) -> i.letterScheduleChange = v));
        string(b, "civility", i -> i.civility, (i, v) -> i.civility = v);
        string(b, "firstName", i -> i.firstName, (i, v) -> i.firstName = v);
        string(b, "lastName", i -> i.lastName, (i, v) -> i.lastName = v);
        string(b, "arabicName", i -> i.arabicName, (i, v) -> i.arabicName = v);
        string(b, "titleFr", i -> i.titleFr, (i, v) -> i.titleFr = v);
        string(b, "titleAr", i -> i.titleAr, (i, v) -> i.titleAr = v);
        string(b, "category", i -> i.category, (i, v) -> i.category = v);
        string(b, "organisation", i -> i.organisation, (i, v) -> i.organisation = v);
        string(b, "region", i -> i.region, (i, v) -> i.region = v);
        string(b, "email", i -> i.email, (i, v) -> i.email = v);
        string(b, "mobile", i -> i.mobile, (i, v) -> i.mobile = v);
        string(b, "languages", i -> i.languages, (i, v) -> i.languages = v);
        string(b, "source", i -> i.source, (i, v) -> i.source = v);
        string(b, "status", i -> i.status, (i, v) -> i.status = v);
        string(b, "statusReason", i -> i.statusReason, (i, v) -> i.statusReason = v);
        string(b, "letterReference", i -> i.letterReference, (i, v) -> i.letterReference = v);
        string(b, "letterKey", i -> i.letterKey, (i, v) -> i.letterKey = v);
        string(b, "letterSha256", i -> i.letterSha256, (i, v) -> i.letterSha256 = v);
        string(b, "letterGeneratedAt", i -> i.letterGeneratedAt, (i, v) -> i.letterGeneratedAt = v);
        string(b, "createdAt", i -> i.createdAt, (i, v) -> i.createdAt = v);
        string(b, "updatedAt", i -> i.updatedAt, (i, v) -> i.updatedAt = v);
        return b.build();
    }

    private static void string(StaticTableSchema.Builder<RegistrationItem> b, String name,
                               Function<RegistrationItem, String> get, BiConsumer<RegistrationItem, String> set) {
        b.addAttribute(String.class, a -> a.name(name).getter(get).setter(set));
    }

    static RegistrationItem from(Registration r) {
        RegistrationItem i = new RegistrationItem();
        i.id = r.id();
        i.eventId = r.eventId();
        i.protocolKey = r.protocolKey();
        i.civility = name(r.civility());
        i.firstName = r.name().firstName();
        i.lastName = r.name().lastName();
        i.arabicName = r.name().arabicName();
        i.titleFr = r.titleFr();
        i.titleAr = r.titleAr();
        i.category = name(r.category());
        i.organisation = r.organisation();
        i.region = name(r.region());
        i.email = r.email();
        i.mobile = r.mobile();
        i.languages = name(r.languages());
        i.workshops = r.workshops();
        i.source = name(r.source());
        i.status = name(r.status());
        i.statusReason = r.statusReason();
        r.currentLetter().ifPresent(l -> i.letter(l));
        i.createdAt = r.createdAt().toString();
        i.updatedAt = r.updatedAt().toString();
        i.scheduleChange = r.scheduleChange() == 0 ? null : r.scheduleChange();
        return i;
    }

    void letter(LetterInfo l) {
        letterVersion = l.version();
        letterReference = l.reference();
        letterKey = l.key();
        letterSha256 = l.sha256();
        letterGeneratedAt = l.generatedAt().toString();
        letterScheduleChange = l.scheduleChange() == 0 ? null : l.scheduleChange();
    }

    Registration toRegistration() {
        LetterInfo letter = letterVersion == null ? null
                : new LetterInfo(letterVersion, letterReference, letterKey, letterSha256,
                Instant.parse(letterGeneratedAt), letterScheduleChange == null ? 0 : letterScheduleChange);
        return new Registration(id, eventId, value(Civility.class, civility),
                new PersonName(firstName, lastName, arabicName), titleFr, titleAr, value(Category.class, category),
                organisation, value(Region.class, region), email, mobile,
                value(LanguagePreference.class, languages), workshops, value(RegistrationSource.class, source),
                value(RegistrationStatus.class, status), statusReason, letter, Instant.parse(createdAt),
                Instant.parse(updatedAt), scheduleChange == null ? 0 : scheduleChange);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null || name.isEmpty() ? null : Enum.valueOf(type, name);
    }
}
