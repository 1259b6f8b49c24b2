package io.convoc.api.programme;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organizers editing a programme through the api function, with the sample events of events/api. */
@ExtendWith(LocalCloudExtension.class)
class ProgrammeControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;
    private static ProgrammeTable programmes;

    @BeforeAll
    static void start(LocalCloud cloud) {
        programmes = new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.tableName("EventsTable"));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static String newEvent() {
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        return eventId;
    }

    /** A sample request moved to another event, with its body fields replaced and headers added. */
    private static APIGatewayV2HTTPEvent request(String sample, String eventId, Map<String, Object> changes,
                                                 Map<String, String> headers) throws Exception {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest(sample);
        String path = event.getRawPath().replace("assises-2024", eventId);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        if (event.getBody() != null) {
            ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
            changes.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
            event.setBody(JSON.writeValueAsString(body));
        }
        Map<String, String> all = new HashMap<>(event.getHeaders());
        all.putAll(headers);
        event.setHeaders(all);
        return event;
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    private static String fields(APIGatewayV2HTTPResponse r) throws Exception {
        List<String> out = new ArrayList<>();
        body(r).path("errors").forEach(e -> out.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return String.join(",", out);
    }

    private static String header(APIGatewayV2HTTPResponse r, String name) {
        return r.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void theProgrammeListsEverySessionWithTheVersionToEdit() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse r = call(request("get-programme.json", eventId, Map.of(), Map.of()));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode sessions = body(r).get("sessions");
        assertEquals(8, sessions.size());
        JsonNode first = sessions.get(0);
        assertEquals("opening", first.get("id").asText());
        assertEquals("\"1\"", first.get("etag").asText());
        assertEquals("SCHEDULED", first.get("status").asText());
        assertEquals("جلسة عامة", first.get("kindLabel").get("ar").asText());
    }

    @Test
    void moveWithTheCurrentVersionThenAStaleOneGets412WithTheSessionAsItNowIs() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse moved = call(request("move-session.json", eventId, Map.of(), Map.of()));
        assertEquals(200, moved.getStatusCode(), moved.getBody());
        assertEquals("\"2\"", header(moved, "ETag"));
        assertEquals("Salle 5", body(moved).get("room").get("fr").asText());

        // a second organizer, still on version 1, moves it elsewhere: refused, nothing lost
        APIGatewayV2HTTPResponse stale = call(request("move-session.json", eventId,
                Map.of("room", Map.of("fr", "Salle 6", "ar", "القاعة 6")), Map.of()));
        assertEquals(412, stale.getStatusCode(), stale.getBody());
        assertEquals("application/problem+json", header(stale, "Content-Type"));
        assertEquals("If-Match:stale_version", fields(stale));
        assertEquals(2, body(stale).get("current").get("version").asInt());
        assertEquals("Salle 5", body(stale).get("current").get("room").get("fr").asText());
        assertEquals("Salle 5", programmes.find(eventId).orElseThrow().session("ws-numerique").orElseThrow()
                .room().fr());

        APIGatewayV2HTTPResponse retried = call(request("move-session.json", eventId,
                Map.of("room", Map.of("fr", "Salle 6", "ar", "القاعة 6")), Map.of("if-match", header(stale, "ETag"))));
        assertEquals(200, retried.getStatusCode(), retried.getBody());
        assertEquals(3, body(retried).get("version").asInt());
    }

    @Test
    void aWriteWithoutIfMatchIsRefusedWith428() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPEvent event = request("move-session.json", eventId, Map.of(), Map.of());
        event.getHeaders().remove("if-match");
        APIGatewayV2HTTPResponse r = call(event);
        assertEquals(428, r.getStatusCode(), r.getBody());
        assertEquals("If-Match:if_match_required", fields(r));
    }

    @Test
    void aRoomClashIsRefusedNamingBothSessions() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse r = call(request("move-session.json", eventId, Map.of(
                "start", "2024-12-21T10:00", "end", "2024-12-21T11:00",
                "room", Map.of("fr", "Salle 1", "ar", "القاعة 1")), Map.of("accept-language", "ar")));
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("room.fr:room_clash", fields(r));
        String message = body(r).get("errors").get(0).get("message").asText();
        assertTrue(message.contains("La transformation numérique") && message.contains("La gestion du stress hydrique"),
                message);
        assertTrue(message.contains("القاعة نفسها"), "in Arabic: " + message);
    }

    @Test
    void badTimesAndMissingTranslationsAreNamedField() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse r = call(request("add-session.json", eventId, Map.of(
                "start", "2024-12-22T12:00", "end", "2024-12-22T11:00",
                "title", Map.of("fr", "Table ronde"), "room", Map.of("fr", "Salle 9", "ar", " ")), Map.of()));
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("title.ar:required,room.ar:required,end:end_before_start,start:outside_event_dates,"
                + "end:outside_event_dates", fields(r));
        APIGatewayV2HTTPResponse unknown = call(request("add-session.json", eventId, Map.of("speaker", "X",
                "title", Map.of("fr", "T", "en", "T")), Map.of()));
        assertEquals(400, unknown.getStatusCode(), unknown.getBody());
        assertEquals("title.en:unknown_field,speaker:unknown_field", fields(unknown));
    }

    @Test
    void aNewSessionIsCreatedAtVersionOneAndItsIdIsTakenOnce() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse created = call(request("add-session.json", eventId, Map.of(), Map.of()));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("/api/events/" + eventId + "/sessions/table-ronde-jeunes", header(created, "Location"));
        assertEquals("\"1\"", header(created, "ETag"));
        APIGatewayV2HTTPResponse again = call(request("add-session.json", eventId, Map.of(), Map.of()));
        assertEquals(412, again.getStatusCode(), again.getBody());
        assertEquals(1, programmes.find(eventId).orElseThrow().sessions().stream()
                .filter(s -> s.id().equals("table-ronde-jeunes")).count());
    }

    @Test
    void cancellingKeepsTheSessionAndAnUnknownSessionIs404() throws Exception {
        String eventId = newEvent();
        APIGatewayV2HTTPResponse cancelled = call(request("move-session.json", eventId, Map.of(
                "start", "2024-12-21T09:30", "end", "2024-12-21T12:30", "room", Map.of("fr", "Salle 3", "ar", "القاعة 3"),
                "status", "CANCELLED"), Map.of()));
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        assertEquals("Annulée", body(cancelled).get("statusLabel").get("fr").asText());
        assertTrue(programmes.find(eventId).orElseThrow().session("ws-numerique").orElseThrow().isCancelled());

        APIGatewayV2HTTPEvent unknown = request("move-session.json", eventId, Map.of(), Map.of());
        String path = unknown.getRawPath().replace("ws-numerique", "ws-inconnu");
        unknown.setRawPath(path);
        unknown.getRequestContext().getHttp().setPath(path);
        APIGatewayV2HTTPResponse r = call(unknown);
        assertEquals(404, r.getStatusCode(), r.getBody());
        assertEquals("sessionId:unknown_session", fields(r));
    }
}
