package io.convoc.aws.streams;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.convoc.aws.dynamo.ProgrammeItems;
import io.convoc.aws.dynamo.RegistrationItems;
import io.convoc.core.registration.Registration;
import software.amazon.awssdk.core.SdkBytes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the images of a DynamoDB stream record (Lambda's event model) as domain objects. */
public final class StreamImages {
    private StreamImages() {
    }

    /** A registration from a registrations-table image; null for an absent image. */
    public static Registration registration(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : RegistrationItems.fromImage(toSdk(image));
    }

    /** A programme session from an events-table image; null for an absent image or another kind of item. */
    public static io.convoc.core.event.ProgrammeSession session(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? null : ProgrammeItems.sessionFromImage(toSdk(image));
    }

    /** Whether an events-table image is a session written by loading the event's data (not an organizer's edit). */
    public static boolean loadedSession(Map<String, AttributeValue> image) {
        return image != null && !image.isEmpty() && ProgrammeItems.loaded(toSdk(image));
    }

    /** The event an events-table record belongs to (its partition key). */
    public static String eventId(Map<String, AttributeValue> keys) {
        AttributeValue id = keys == null ? null : keys.get("eventId");
        return id == null ? null : id.getS();
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
        image.forEach((k, v) -> out.put(k, toSdk(v)));
        return out;
    }

    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            return sdk.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return sdk.n(v.getN()).build();
        }
        if (v.getBOOL() != null) {
            return sdk.bool(v.getBOOL()).build();
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return sdk.nul(true).build();
        }
        if (v.getB() != null) {
            return sdk.b(SdkBytes.fromByteBuffer(v.getB())).build();
        }
        if (v.getSS() != null) {
            return sdk.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return sdk.ns(v.getNS()).build();
        }
        if (v.getBS() != null) {
            return sdk.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList()).build();
        }
        if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> l = v.getL().stream()
                    .map(StreamImages::toSdk).toList();
            return sdk.l(l).build();
        }
        if (v.getM() != null) {
            return sdk.m(toSdk(v.getM())).build();
        }
        return sdk.nul(true).build();
    }
}
