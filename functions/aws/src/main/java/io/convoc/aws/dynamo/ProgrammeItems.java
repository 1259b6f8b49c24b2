package io.convoc.aws.dynamo;

import io.convoc.core.event.ProgrammeSession;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Maps raw events-table items (stream images) with the table's own schema. */
public final class ProgrammeItems {
    private ProgrammeItems() {
    }

    /** The session of a {@code SESSION#…} item image; null for any other item of the table. */
    public static ProgrammeSession sessionFromImage(Map<String, AttributeValue> image) {
        AttributeValue itemKey = image.get("itemKey");
        if (itemKey == null || itemKey.s() == null || !itemKey.s().startsWith(ProgrammeItem.SESSION_PREFIX)) {
            return null;
        }
        return ProgrammeItem.sessionOf(image);
    }

    /** Whether a session item was written by loading an event's data whole (not by an organizer's edit). */
    public static boolean loaded(Map<String, AttributeValue> image) {
        AttributeValue origin = image == null ? null : image.get("origin");
        return origin != null && ProgrammeItem.LOADED.equals(origin.s());
    }

    public static Map<String, AttributeValue> sessionImage(String eventId, ProgrammeSession session) {
        return ProgrammeItem.sessionImage(eventId, session);
    }
}
