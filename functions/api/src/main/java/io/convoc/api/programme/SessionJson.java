package io.convoc.api.programme;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
import io.convoc.core.programme.SessionDraft;
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
 * Reads a session from JSON strictly, in the shape the API shows it ({@code title} and {@code room} as
 * {@code {"fr":…,"ar":…}}): unknown fields and wrong types are refused with the field named. The read-only fields a
 * GET returns ({@code version}, {@code etag}, labels) may be sent back and are ignored: the version edited is the one
 * {@code If-Match} names.
 */
@Singleton
public class SessionJson {
    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> TEXT = Set.of("id", "kind", "start", "end", "status");
    private static final Set<String> BILINGUAL = Set.of("title", "room");
    private static final Set<String> READ_ONLY = Set.of("version", "etag", "kindLabel", "statusLabel");

    private final JsonMapper json;

    public SessionJson(JsonMapper json) {
        this.json = json;
    }

    public SessionDraft read(String body) {
        JsonNode root = JsonBodies.object(json, body, MAX_BYTES);
        Map<String, String> text = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (TEXT.contains(name)) {
                string(name, value, text, errors);
            } else if (BILINGUAL.contains(name)) {
                if (value.isObject()) {
                    for (Map.Entry<String, JsonNode> language : value.entries()) {
                        String path = name + "." + language.getKey();
                        if (language.getKey().equals("fr") || language.getKey().equals("ar")) {
                            string(path, language.getValue(), text, errors);
                        } else {
                            errors.add(FieldError.of(io.convoc.core.validation.TextRules.excerpt(path), "unknown_field"));
                        }
                    }
                } else if (!value.isNull()) {
                    errors.add(FieldError.of(name, "wrong_type", "object"));
                }
            } else if (!READ_ONLY.contains(name)) {
                errors.add(FieldError.of(io.convoc.core.validation.TextRules.excerpt(name), "unknown_field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
        return new SessionDraft(text.get("id"), text.get("kind"), text.get("title.fr"), text.get("title.ar"),
                text.get("start"), text.get("end"), text.get("room.fr"), text.get("room.ar"), text.get("status"));
    }

    private static void string(String name, JsonNode value, Map<String, String> text, List<FieldError> errors) {
        if (value.isString()) {
            text.put(name, value.getStringValue());
        } else if (!value.isNull()) {
            errors.add(FieldError.of(name, "wrong_type", "string"));
        }
    }
}
