package io.convoc.api.announcements;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.core.validation.Choices;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an announcement draft, and a send request, from JSON strictly: unknown fields, wrong types and unknown
 * values are refused with the field named ({@code audience.regions[1]}), every error at once.
 *
 * <pre>
 * {"eventId": "assises-2024", "channels": ["email", "sms"],
 *  "subject": {"fr": …, "ar": …}, "body": {"fr": …, "ar": …}, "sms": {"fr": …, "ar": …},
 *  "audience": {"categories": [], "regions": [], "workshops": [], "languages": ["ar"], "statuses": []}}
 * </pre>
 */
@Singleton
public class AnnouncementJson {
    public static final int MAX_BYTES = 128 * 1024;
    private static final Set<String> TEXTS = Set.of("subject", "body", "sms");

    private final JsonMapper json;

    public AnnouncementJson(JsonMapper json) {
        this.json = json;
    }

    public AnnouncementDraft read(String body) {
        JsonNode root = JsonBodies.object(json, body, MAX_BYTES);
        List<FieldError> errors = new ArrayList<>();
        String eventId = null;
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Map<String, Bilingual> texts = new HashMap<>();
        Audience audience = Audience.everyone();
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("eventId")) {
                eventId = string(name, value, errors);
            } else if (name.equals("channels")) {
                channels.addAll(values(name, value, Channel.class, errors));
            } else if (TEXTS.contains(name)) {
                texts.put(name, bilingual(name, value, errors));
            } else if (name.equals("audience")) {
                audience = audience(value, errors);
            } else {
                errors.add(FieldError.of(TextRules.excerpt(name), "unknown_field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
        return new AnnouncementDraft(eventId, texts.get("subject"), texts.get("body"), texts.get("sms"), channels,
                audience);
    }

    /** A send request's {@code scheduledFor} (ISO 8601 with an offset), or empty for "now" (no body, or no field). */
    public Optional<Instant> scheduledFor(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode root = JsonBodies.object(json, body, 4096);
        List<FieldError> errors = new ArrayList<>();
        Instant when = null;
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            if (field.getKey().equals("scheduledFor")) {
                String text = string("scheduledFor", field.getValue(), errors);
                if (text != null) {
                    try {
                        when = OffsetDateTime.parse(text).toInstant();
                    } catch (DateTimeParseException e) {
                        errors.add(FieldError.of("scheduledFor", "invalid_datetime", TextRules.excerpt(text)));
                    }
                }
            } else {
                errors.add(FieldError.of(TextRules.excerpt(field.getKey()), "unknown_field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
        return Optional.ofNullable(when);
    }

    private static Audience audience(JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return Audience.everyone();
        }
        if (!value.isObject()) {
            errors.add(FieldError.of("audience", "wrong_type", "object"));
            return Audience.everyone();
        }
        Set<Category> categories = Set.of();
        Set<Region> regions = Set.of();
        Set<String> workshops = Set.of();
        Set<Language> languages = Set.of();
        Set<RegistrationStatus> statuses = Set.of();
        for (Map.Entry<String, JsonNode> field : value.entries()) {
            String name = "audience." + field.getKey();
            JsonNode v = field.getValue();
            switch (field.getKey()) {
                case "categories" -> categories = values(name, v, Category.class, errors);
                case "regions" -> regions = values(name, v, Region.class, errors);
                case "languages" -> languages = values(name, v, Language.class, errors);
                case "statuses" -> statuses = values(name, v, RegistrationStatus.class, errors);
                case "workshops" -> workshops = new LinkedHashSet<>(strings(name, v, Function.identity(), errors));
                default -> errors.add(FieldError.of(TextRules.excerpt(name), "unknown_field"));
            }
        }
        return new Audience(categories, regions, workshops, languages, statuses);
    }

    private static <E extends Enum<E>> Set<E> values(String name, JsonNode value, Class<E> type,
                                                     List<FieldError> errors) {
        Set<E> out = EnumSet.noneOf(type);
        List<Optional<E>> parsed = strings(name, value, s -> Choices.parse(type, s), errors);
        int i = 0;
        for (JsonNode item : value.isArray() ? value.values() : List.<JsonNode>of()) {
            if (item.isString()) {
                Optional<E> e = parsed.get(i++);
                if (e.isPresent()) {
                    out.add(e.get());
                } else {
                    errors.add(FieldError.of(name, "unknown_value", TextRules.excerpt(item.getStringValue())));
                }
            }
        }
        return out;
    }

    private static <T> List<T> strings(String name, JsonNode value, Function<String, T> read, List<FieldError> errors) {
        List<T> out = new ArrayList<>();
        if (value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            errors.add(FieldError.of(name, "wrong_type", "array"));
            return out;
        }
        int i = 0;
        for (JsonNode item : value.values()) {
            if (item.isString()) {
                out.add(read.apply(item.getStringValue()));
            } else {
                errors.add(FieldError.of(name + "[" + i + "]", "wrong_type", "string"));
            }
            i++;
        }
        return out;
    }

    private static Bilingual bilingual(String name, JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(FieldError.of(name, "wrong_type", "object"));
            return null;
        }
        String fr = null;
        String ar = null;
        for (Map.Entry<String, JsonNode> language : value.entries()) {
            String path = name + "." + language.getKey();
            switch (language.getKey()) {
                case "fr" -> fr = string(path, language.getValue(), errors);
                case "ar" -> ar = string(path, language.getValue(), errors);
                default -> errors.add(FieldError.of(TextRules.excerpt(path), "unknown_field"));
            }
        }
        return Bilingual.of(fr, ar);
    }

    private static String string(String name, JsonNode value, List<FieldError> errors) {
        if (value.isString()) {
            return value.getStringValue();
        }
        if (!value.isNull()) {
            errors.add(FieldError.of(name, "wrong_type", "string"));
        }
        return null;
    }
}
