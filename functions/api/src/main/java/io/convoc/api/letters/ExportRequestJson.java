package io.convoc.api.letters;

import io.convoc.api.problem.ApiException;
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
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "too_large", List.of(FieldError.of("body", "body_too_large", MAX_BYTES)));
        }
        io.convoc.api.problem.StrictJson.check(body);
        JsonNode root;
        try {
            root = json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "malformed_json",
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "wrong_type", "object")));
        }
        Map<String, String> text = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (TEXT_FIELDS.contains(name)) {
                if (value.isString()) {
                    if (!value.getStringValue().isBlank()) {
                        text.put(name, value.getStringValue().strip());
                    }
                } else if (!value.isNull()) {
                    errors.add(FieldError.of(name, "wrong_type", "string"));
                }
            } else if (IDS.equals(name)) {
                if (value.isArray()) {
                    int i = 0;
                    for (JsonNode id : value.values()) {
                        if (id.isString()) {
                            ids.add(id.getStringValue());
                        } else {
                            errors.add(FieldError.of(IDS + "[" + i + "]", "wrong_type", "string"));
                        }
                        i++;
                    }
                } else if (!value.isNull()) {
                    errors.add(FieldError.of(name, "wrong_type", "array"));
                }
            } else {
                errors.add(FieldError.of(io.convoc.core.validation.TextRules.excerpt(name), "unknown_field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
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
