package io.convoc.aws.dynamo;

import io.convoc.core.registration.Registration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Maps raw registrations-table items (stream images) with the table's own schema. */
public final class RegistrationItems {
    private RegistrationItems() {
    }

    public static Registration fromImage(Map<String, AttributeValue> image) {
        return RegistrationItem.SCHEMA.mapToItem(image).toRegistration();
    }

    public static Map<String, AttributeValue> toImage(Registration registration) {
        return RegistrationItem.SCHEMA.itemToMap(RegistrationItem.from(registration), true);
    }
}
