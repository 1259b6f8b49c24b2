package io.convoc.aws.dynamo;

import io.convoc.core.event.Bilingual;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Stores a {@link Bilingual} text as a map {@code {fr, ar}}. */
public final class BilingualConverter implements AttributeConverter<Bilingual> {
    @Override
    public AttributeValue transformFrom(Bilingual input) {
        return AttributeValue.fromM(Map.of("fr", AttributeValue.fromS(input.fr()), "ar", AttributeValue.fromS(input.ar())));
    }

    @Override
    public Bilingual transformTo(AttributeValue input) {
        Map<String, AttributeValue> m = input.m();
        return Bilingual.of(text(m.get("fr")), text(m.get("ar")));
    }

    private static String text(AttributeValue v) {
        return v == null ? "" : v.s();
    }

    @Override
    public EnhancedType<Bilingual> type() {
        return EnhancedType.of(Bilingual.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.M;
    }
}
