package io.convoc.api.letters;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an export request strictly: {@code {"eventId":…, "category":…, "region":…, "workshop":…, "status":…}} or
 * {@code {"eventId":…, "registrationIds":[…]}} (filters then apply to the list). Unknown fields and wrong types are
 * refused with the field named (400); unknown values of category, region or status too (422), in either language.
 */
@Singleton
public class ExportRequestJson {
    static final int MAX_BYTES = 128 * 1024;
    private static final Set<String> TEXT_FIELDS = Set.of("eventId", "category", "region", "workshop", "status");
    private static final String IDS = "registrationIds";

    private final JsonMapper json;

    public ExportRequestJson(JsonMapper json) {
        this.json = json;
    }

    public LetterSelection read(String body) {
        JsonBodies.Fields fields = JsonBodies.fields(JsonBodies.object(json, body, MAX_BYTES), TEXT_FIELDS, IDS);
        Map<String, String> text = new HashMap<>();
        fields.text().forEach((k, v) -> {
            if (!v.isBlank()) {
                text.put(k, v.strip());
            }
        });
        List<String> ids = fields.list();
        List<FieldError> invalid = new ArrayList<>();
        if (!text.containsKey("eventId")) {
            invalid.add(FieldError.of("eventId", "required"));
        }
        Category category = parse(Category.class, "category", text.get("category"), invalid);
        Region region = parse(Region.class, "region", text.get("region"), invalid);
        RegistrationStatus status = parse(RegistrationStatus.class, "status", text.get("status"), invalid);
        if (!invalid.isEmpty()) {
            throw new InvalidInput(invalid);
        }
        return new LetterSelection(text.get("eventId"), category, region, text.get("workshop"), status, ids);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String typed, List<FieldError> errors) {
        if (typed == null) {
            return null;
        }
        E value = io.convoc.core.validation.Choices.parse(type, typed).orElse(null);
        if (value == null) {
            errors.add(FieldError.of(field, "unknown_value", typed));
        }
        return value;
    }
}
