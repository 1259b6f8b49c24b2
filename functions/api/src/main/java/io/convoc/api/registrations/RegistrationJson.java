package io.convoc.api.registrations;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
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
        JsonBodies.Fields fields = JsonBodies.fields(JsonBodies.object(json, body, MAX_BYTES), textFields, WORKSHOPS);
        text.putAll(fields.text());
        workshops.addAll(fields.list());
    }

    private static String shortly(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
