package io.convoc.api.announcements;

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
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organizers drafting, sending, scheduling and cancelling announcements through the api function. */
@ExtendWith(LocalCloudExtension.class)
class AnnouncementControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;
    private static ProgrammeTable programmes;
    private static LocalCloud cloud;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        programmes = new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.tableName("EventsTable"));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    /** A new event with the sample programme and the sample invitees imported (three of them). */
    private static String eventWithInvitees() throws Exception {
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        APIGatewayV2HTTPEvent importing = SampleData.apiRequest("import-registrations.json");
        importing.setRawQueryString("eventId=" + eventId);
        importing.setQueryStringParameters(Map.of("eventId", eventId));
        APIGatewayV2HTTPResponse imported = call(importing);
        assertEquals(200, imported.getStatusCode(), imported.getBody());
        return eventId;
    }

    private static APIGatewayV2HTTPEvent request(String sample, String path, Map<String, Object> changes,
                                                 Map<String, String> headers) throws Exception {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest(sample);
        if (path != null) {
            event.setRawPath(path);
            event.getRequestContext().getHttp().setPath(path);
        }
        if (event.getBody() != null) {
            ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
            changes.forEach((k, v) -> {
                if (v == null) {
                    body.remove(k);
                } else {
                    body.set(k, JSON.valueToTree(v));
                }
            });
            event.setBody(JSON.writeValueAsString(body));
        }
        Map<String, String> all = new HashMap<>(event.getHeaders());
        all.putAll(headers);
        event.setHeaders(all);
        return event;
    }

    private static APIGatewayV2HTTPEvent draft(String eventId, Map<String, Object> changes) throws Exception {
        Map<String, Object> all = new HashMap<>(changes);
        all.putIfAbsent("eventId", eventId);
        return request("draft-announcement.json", null, all, Map.of());
    }

    private static APIGatewayV2HTTPEvent action(String id, String action, String body) throws Exception {
        APIGatewayV2HTTPEvent event = request("send-announcement.json", "/api/announcements/" + id + "/" + action,
                Map.of(), Map.of());
        event.setBody(body);
        if (body == null) {
            event.getHeaders().remove("content-type");
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent get(String path) throws Exception {
        APIGatewayV2HTTPEvent event = action("x", "y", null);
        event.setRawPath(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        event.setRawQueryString(path.contains("?") ? path.substring(path.indexOf('?') + 1) : "");
        Map<String, String> query = new HashMap<>();
        for (String pair : event.getRawQueryString().split("&")) {
            if (pair.contains("=")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        event.setQueryStringParameters(query);
        event.getRequestContext().getHttp().setPath(event.getRawPath());
        event.getRequestContext().getHttp().setMethod("GET");
        return event;
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static String header(APIGatewayV2HTTPResponse r, String name) {
        return r.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    private static String fields(APIGatewayV2HTTPResponse r) throws Exception {
        List<String> out = new ArrayList<>();
        body(r).path("errors").forEach(e -> out.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return String.join(",", out);
    }

    /** The fan-out requests waiting in the queue, read and left there for no one else (tests only read them). */
    private static List<String> fanOutRequests() {
        List<String> bodies = new ArrayList<>();
        String queue = cloud.queueUrl("AnnouncementFanOutQueue");
        while (true) {
            List<Message> messages = cloud.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            messages.forEach(m -> {
                bodies.add(m.body());
                cloud.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            });
        }
    }

    @Test
    void aDraftForTheSampleInviteesIsStoredWithItsTextsAndAudience() throws Exception {
        String eventId = eventWithInvitees();
        APIGatewayV2HTTPResponse r = call(draft(eventId, Map.of()));
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode a = body(r);
        String id = a.get("id").asText();
        assertTrue(header(r, "Location").endsWith("/api/announcements/" + id), r.getHeaders().toString());
        assertEquals("DRAFT", a.get("state").asText());
        assertEquals("مسودة", a.get("stateLabel").get("ar").asText());
        assertEquals(List.of("email", "sms"), List.of(a.get("channels").get(0).asText(), a.get("channels").get(1).asText()));
        assertTrue(a.get("body").get("ar").asText().startsWith("((name))"), a.toString());

        JsonNode read = body(call(get("/api/announcements/" + id)));
        assertEquals(a.get("subject"), read.get("subject"));
        assertEquals(0, read.get("counters").get("targeted").asInt());
    }

    @Test
    void everyFieldInErrorIsNamedAtOnceInTheReadersLanguage() throws Exception {
        String eventId = eventWithInvitees();
        APIGatewayV2HTTPEvent bad = draft(eventId, Map.of(
                "subject", Map.of("fr", "Rappel"),
                "body", Map.of("fr", "Bonjour ((nom))", "ar", "مرحبا ((name)"),
                "audience", Map.of("regions", List.of("ORIENTAL", "Atlantide"), "workshops", List.of("ws-inconnu"))));
        APIGatewayV2HTTPResponse r = call(bad);
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("audience.regions:unknown_value", fields(r));

        bad = draft(eventId, Map.of(
                "subject", Map.of("fr", "Rappel"),
                "body", Map.of("fr", "Bonjour ((nom))", "ar", "مرحبا ((name)"),
                "audience", Map.of("workshops", List.of("ws-inconnu"))));
        bad.getHeaders().put("accept-language", "ar");
        r = call(bad);
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", header(r, "Content-Type"));
        assertEquals("subject.ar:missing_translation,body.fr:unknown_placeholder,body.ar:unclosed_placeholder,"
                + "audience.workshops:unknown_workshop", fields(r));
        assertTrue(body(r).get("errors").get(0).get("message").asText().contains("بالفرنسية والعربية"), r.getBody());
        assertTrue(body(r).get("errors").get(1).get("message").asText().contains("((nom))"), r.getBody());

        r = call(draft(eventId, Map.of("channels", List.of("email", "fax"), "surprise", 1)));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("channels:unknown_value,surprise:unknown_field", fields(r));
    }

    @Test
    void anAudienceThatReachesNobodyIsRefused() throws Exception {
        String eventId = eventWithInvitees();
        // the sample invitees are from Tanger-Tétouan-Al Hoceïma, or of no region
        APIGatewayV2HTTPResponse r = call(draft(eventId, Map.of("audience", Map.of("regions", List.of("ORIENTAL")))));
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("audience:empty_audience", fields(r));
        r = call(draft(eventId, Map.of("audience", Map.of("languages", List.of("ar"), "categories",
                List.of("EXPERT")))));
        assertEquals(201, r.getStatusCode(), r.getBody());
    }

    @Test
    void sendingNowAsksForTheFanOutOnceAndASecondSendIsAConflict() throws Exception {
        String eventId = eventWithInvitees();
        String id = body(call(draft(eventId, Map.of()))).get("id").asText();
        fanOutRequests();
        APIGatewayV2HTTPResponse sent = call(action(id, "send", null));
        assertEquals(202, sent.getStatusCode(), sent.getBody());
        assertEquals("SCHEDULED", body(sent).get("state").asText());
        assertTrue(fanOutRequests().contains("{\"announcement\":" + id + "}"));

        APIGatewayV2HTTPEvent again = action(id, "send", null);
        again.getHeaders().put("accept-language", "fr");
        APIGatewayV2HTTPResponse conflict = call(again);
        assertEquals(409, conflict.getStatusCode(), conflict.getBody());
        assertEquals("state:announcement_send_refused", fields(conflict));
        assertTrue(body(conflict).get("errors").get(0).get("message").asText().contains("Programmée"),
                conflict.getBody());
    }

    @Test
    void aSendScheduledForLaterWaitsForTheDispatcherAndTheWeekIsTheLimit() throws Exception {
        String eventId = eventWithInvitees();
        String id = body(call(draft(eventId, Map.of()))).get("id").asText();
        fanOutRequests();
        Instant tooFar = Instant.now().plus(8, ChronoUnit.DAYS);
        APIGatewayV2HTTPResponse r = call(action(id, "send", "{\"scheduledFor\":\"" + tooFar + "\"}"));
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("scheduledFor:too_far_ahead", fields(r));
        r = call(action(id, "send", "{\"scheduledFor\":\"2020-01-01T09:00:00+01:00\"}"));
        assertEquals("scheduledFor:in_past", fields(r));
        r = call(action(id, "send", "{\"scheduledFor\":\"demain\"}"));
        assertEquals("scheduledFor:invalid_datetime", fields(r));

        Instant later = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        r = call(action(id, "send", "{\"scheduledFor\":\"" + later + "\"}"));
        assertEquals(202, r.getStatusCode(), r.getBody());
        assertEquals("SCHEDULED", body(r).get("state").asText());
        assertEquals(later.toString(), body(r).get("scheduledFor").asText());
        assertFalse(fanOutRequests().contains("{\"announcement\":" + id + "}"), "not due: the dispatcher asks later");
    }

    @Test
    void cancellingStopsAScheduledAnnouncementOnceAndForAll() throws Exception {
        String eventId = eventWithInvitees();
        String id = body(call(draft(eventId, Map.of()))).get("id").asText();
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        assertEquals(202, call(action(id, "send", "{\"scheduledFor\":\"" + later + "\"}")).getStatusCode());
        APIGatewayV2HTTPResponse cancelled = call(action(id, "cancel", null));
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        assertEquals("CANCELLED", body(cancelled).get("state").asText());
        assertTrue(body(cancelled).get("stateReason").asText().contains("organisateur.dgct"), cancelled.getBody());
        APIGatewayV2HTTPResponse again = call(action(id, "cancel", null));
        assertEquals(409, again.getStatusCode(), again.getBody());
        assertEquals(409, call(action(id, "send", null)).getStatusCode());
    }

    @Test
    void thePreviewShowsEachLanguageTheReachOfEachChannelTheSmsCostAndTheTime() throws Exception {
        String eventId = eventWithInvitees();
        String id = body(call(draft(eventId, Map.of()))).get("id").asText();
        new io.convoc.aws.dynamo.SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"))
                .optOutOfAnnouncements("FZ.ElIdrissi@example.ma", Instant.now());
        APIGatewayV2HTTPResponse r = call(get("/api/announcements/" + id + "/preview"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode p = body(r);
        assertEquals(3, p.get("recipients").get("total").asInt());
        assertEquals(2, p.get("recipients").get("email").asInt(), "the opted-out address is left out");
        assertEquals(1, p.get("recipients").get("suppressed").get("email").asInt());
        JsonNode fr = p.get("email").get("fr");
        JsonNode ar = p.get("email").get("ar");
        assertTrue(fr.get("subject").asText().startsWith("Assises de la régionalisation avancée"), fr.toString());
        assertTrue(fr.get("text").asText().contains("Bonjour"), fr.toString());
        assertFalse(fr.get("text").asText().contains("(("), "every placeholder replaced: " + fr);
        assertTrue(ar.get("html").asText().contains("dir=\"rtl\""), ar.toString());
        assertTrue(ar.get("html").asText().contains("يُفتح استقبال المشاركين"), ar.toString());
        JsonNode smsAr = p.get("sms").get("ar");
        assertTrue(smsAr.get("text").asText().contains("قصر المؤتمرات"), smsAr.toString());
        assertEquals("UCS2", smsAr.get("encoding").asText().replace("-", "").toUpperCase(java.util.Locale.ROOT)
                .replace("UCS_2", "UCS2"), smsAr.toString());
        JsonNode parts = p.get("smsParts");
        assertTrue(parts.get("ar").asLong() > 0 && parts.get("fr").asLong() > 0, parts.toString());
        assertEquals(parts.get("fr").asLong() + parts.get("ar").asLong(), parts.get("total").asLong());
        JsonNode duration = p.get("duration");
        long emails = p.get("recipients").get("email").asLong();
        long expected = Math.max((emails + duration.get("emailsPerSecond").asInt() - 1) / duration.get("emailsPerSecond").asInt(),
                (parts.get("total").asLong() + duration.get("smsPartsPerSecond").asInt() - 1)
                        / duration.get("smsPartsPerSecond").asInt());
        assertEquals(expected, duration.get("seconds").asLong());
    }

    @Test
    void theListShowsTheNewestFirstAndAnUnknownIdIs404() throws Exception {
        String eventId = eventWithInvitees();
        String first = body(call(draft(eventId, Map.of()))).get("id").asText();
        String second = body(call(draft(eventId, Map.of()))).get("id").asText();
        APIGatewayV2HTTPResponse r = call(get("/api/announcements?eventId=" + eventId + "&limit=1"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(second, body(r).get("items").get(0).get("id").asText());
        String cursor = body(r).get("nextCursor").asText();
        r = call(get("/api/announcements?eventId=" + eventId + "&limit=1&cursor=" + cursor));
        assertEquals(first, body(r).get("items").get(0).get("id").asText());

        r = call(get("/api/announcements/999999999"));
        assertEquals(404, r.getStatusCode(), r.getBody());
        assertEquals("id:unknown_announcement", fields(r));
        assertEquals(404, call(get("/api/announcements/not-a-number")).getStatusCode());
    }
}
