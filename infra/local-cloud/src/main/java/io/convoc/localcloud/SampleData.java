package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The sample data under events/: the Assises 2024 programme and an invitee list. */
public final class SampleData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleData() {
    }

    public static Path file(String relative) {
        return Paths.events().resolve(relative);
    }

    public static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An API Gateway HTTP API (payload v2) request from events/api/. */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent apiRequest(String name) {
        return com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayHttpEvent(
                file("api/" + name).toString());
    }

    /** The Assises 2024 (events/data/assises-2024.json). */
    public static Programme assises() {
        return programme(json("data/assises-2024.json"));
    }

    /** The Assises under another event id, so that a test's registrations and listings are its own. */
    public static Programme assisesAs(String eventId) {
        JsonNode root = json("data/assises-2024.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("event")).put("id", eventId);
        return programme(root);
    }

    public static Programme programme(JsonNode root) {
        JsonNode e = root.get("event");
        List<Bilingual> organizers = new ArrayList<>();
        e.get("organizers").forEach(o -> organizers.add(bilingual(o)));
        Event event = new Event(e.get("id").asText(), bilingual(e.get("name")), bilingual(e.get("theme")),
                bilingual(e.get("patronage")), bilingual(e.get("city")), bilingual(e.get("venue")),
                LocalDate.parse(e.get("startDate").asText()), LocalDate.parse(e.get("endDate").asText()),
                ZoneId.of(e.get("zone").asText()), organizers, bilingual(e.get("signatory")),
                bilingual(e.get("issuingPlace")), bilingual(e.get("practicalInformation")),
                e.get("referencePrefix").asText(), e.path("foreignMobiles").asBoolean(false),
                e.path("hijriAdjustment").asInt(0));
        List<ProgrammeSession> sessions = new ArrayList<>();
        root.get("sessions").forEach(s -> sessions.add(new ProgrammeSession(s.get("id").asText(),
                SessionKind.valueOf(s.get("kind").asText()), bilingual(s.get("title")),
                LocalDateTime.parse(s.get("start").asText()), LocalDateTime.parse(s.get("end").asText()),
                bilingual(s.get("room")))));
        return new Programme(event, sessions);
    }

    private static Bilingual bilingual(JsonNode n) {
        return n == null ? Bilingual.of("", "") : Bilingual.of(n.path("fr").asText(""), n.path("ar").asText(""));
    }
}
