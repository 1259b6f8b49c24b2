package io.convoc.aws.dynamo;

import io.convoc.core.event.Bilingual;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;

/** Stores a list of {@link Bilingual} texts (an event's organizers) as a list of maps. */
public final class BilingualListConverter implements AttributeConverter<List<Bilingual>> {
    private static final BilingualConverter ONE = new BilingualConverter();

    @Override
    public AttributeValue transformFrom(List<Bilingual> input) {
        return AttributeValue.fromL(input.stream().map(ONE::transformFrom).toList());
    }

    @Override
    public List<Bilingual> transformTo(AttributeValue input) {
        return input.l().stream().map(ONE::transformTo).toList();
    }

    @Override
    public EnhancedType<List<Bilingual>> type() {
        return EnhancedType.listOf(Bilingual.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.L;
    }
}
