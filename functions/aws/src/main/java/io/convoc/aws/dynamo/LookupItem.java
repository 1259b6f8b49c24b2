package io.convoc.aws.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An item of the registration lookups table: a claimed e-mail address ({@code EMAIL#event#address}) or
 * one attendance of a session ({@code SESSION#event#session}, sorted by protocol key).
 */
public final class LookupItem {
    static final String NO_SORT = "-";

    String lookupKey;
    String sortKey;
    String registrationId;

    static final StaticTableSchema<LookupItem> SCHEMA = StaticTableSchema.builder(LookupItem.class)
            .newItemSupplier(LookupItem::new)
            .addAttribute(String.class, a -> a.name("lookupKey").getter(i -> i.lookupKey)
                    .setter((i, v) -> i.lookupKey = v).tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sortKey").getter(i -> i.sortKey)
                    .setter((i, v) -> i.sortKey = v).tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("registrationId").getter(i -> i.registrationId)
                    .setter((i, v) -> i.registrationId = v))
            .build();

    static LookupItem of(String lookupKey, String sortKey, String registrationId) {
        LookupItem i = new LookupItem();
        i.lookupKey = lookupKey;
        i.sortKey = sortKey;
        i.registrationId = registrationId;
        return i;
    }

    static String email(String eventId, String emailKey) {
        return "EMAIL#" + eventId + "#" + emailKey;
    }

    static String session(String eventId, String sessionId) {
        return "SESSION#" + eventId + "#" + sessionId;
    }
}
