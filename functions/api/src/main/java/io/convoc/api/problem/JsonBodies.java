package io.convoc.api.problem;

import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way the API reads a JSON body: at most {@code maxBytes} (413), strict ({@link StrictJson}: 400), one
 * object (400); then its fields, strings and one array of strings at most, every unknown field and wrong type named
 * (400), so a client's typo never silently drops data.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** What an object's fields held: text fields by name, and the strings of its array field. */
    public record Fields(Map<String, String> text, List<String> list) {
    }

    public static JsonNode object(JsonMapper json, String body, int maxBytes) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "too_large", List.of(FieldError.of("body", "body_too_large", maxBytes)));
        }
        StrictJson.check(body);
        JsonNode root;
        try {
            root = json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "malformed_json",
                    StrictJson.message(e))));
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "wrong_type", "object")));
        }
        return root;
    }

    /**
     * @param textFields the fields that hold a string (null is as absent)
     * @param listField  the field that holds an array of strings, or null when there is none
     */
    public static Fields fields(JsonNode root, Set<String> textFields, String listField) {
        Map<String, String> text = new HashMap<>();
        List<String> list = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (textFields.contains(name)) {
                if (value.isString()) {
                    text.put(name, value.getStringValue());
                } else if (!value.isNull()) {
                    errors.add(FieldError.of(name, "wrong_type", "string"));
                }
            } else if (name.equals(listField)) {
                if (value.isArray()) {
                    int i = 0;
                    for (JsonNode item : value.values()) {
                        if (item.isString()) {
                            list.add(item.getStringValue());
                        } else {
                            errors.add(FieldError.of(listField + "[" + i + "]", "wrong_type", "string"));
                        }
                        i++;
                    }
                } else if (!value.isNull()) {
                    errors.add(FieldError.of(name, "wrong_type", "array"));
                }
            } else {
                errors.add(FieldError.of(TextRules.excerpt(name), "unknown_field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
        return new Fields(text, list);
    }
}
