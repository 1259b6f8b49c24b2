package io.convoc.api.registrations;

import io.convoc.api.problem.ApiException;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.validation.FieldError;
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
 * Reads a registration from JSON strictly: unknown fields and wrong types are refused with the field
 * named, so a client's typo never silently drops data.
 */
@Singleton
public class RegistrationJson {
    public static final int MAX_BYTES = 256 * 1024;
    private static final Set<String> TEXT_FIELDS = Set.of("eventId", "civility", "firstName", "lastName",
            "arabicName", "titleFr", "titleAr", "category", "organisation", "region", "email", "mobile", "languages");
    /** The public form: the category and region are the invitation code's, the code is asked. */
    private static final Set<String> PUBLIC_TEXT_FIELDS = Set.of("eventId", "code", "civility", "firstName", "lastName",
            "arabicName", "titleFr", "titleAr", "organisation", "email", "mobile", "languages");
    private static final String WORKSHOPS = "workshops";

    /** What the public form sends: a registration and the invitation code it is made with. */
    public record PublicForm(RegistrationRequest request, String code) {
    }

    private final JsonMapper json;

    public RegistrationJson(JsonMapper json) {
        this.json = json;
    }

    public RegistrationRequest read(String body) {
        Map<String, String> text = new HashMap<>();
        List<String> workshops = new ArrayList<>();
        readInto(body, TEXT_FIELDS, text, workshops);
        return request(text, workshops);
    }

    public PublicForm readPublic(String body) {
        Map<String, String> text = new HashMap<>();
        List<String> workshops = new ArrayList<>();
        readInto(body, PUBLIC_TEXT_FIELDS, text, workshops);
        return new PublicForm(request(text, workshops), text.get("code"));
    }

    private static RegistrationRequest request(Map<String, String> text, List<String> workshops) {
        return new RegistrationRequest(text.get("eventId"), text.get("civility"), text.get("firstName"),
                text.get("lastName"), text.get("arabicName"), text.get("titleFr"), text.get("titleAr"),
                text.get("category"), text.get("organisation"), text.get("region"), text.get("email"),
                text.get("mobile"), text.get("languages"), workshops);
    }

    private void readInto(String body, Set<String> textFields, Map<String, String> text, List<String> workshops) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "too_large", List.of(FieldError.of("body", "body_too_large", MAX_BYTES)));
        }
        io.convoc.api.problem.StrictJson.check(body);
        JsonNode root;
        try {
            root = json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "malformed_json", io.convoc.api.problem.StrictJson.message(e))));
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("body", "wrong_type", "object")));
        }
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
            } else if (WORKSHOPS.equals(name)) {
                if (value.isArray()) {
                    int i = 0;
                    for (JsonNode w : value.values()) {
                        if (w.isString()) {
                            workshops.add(w.getStringValue());
                        } else {
                            errors.add(FieldError.of(WORKSHOPS + "[" + i + "]", "wrong_type", "string"));
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
    }

    private static String shortly(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
