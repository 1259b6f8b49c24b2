package io.convoc.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.event.Programme;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api Lambda as API Gateway calls it, with the sample events of events/api, against the local cloud. */
@ExtendWith(LocalCloudExtension.class)
class ApiHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;

    @BeforeAll
    static void start(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static APIGatewayV2HTTPEvent event(String name) {
        return SampleData.apiRequest(name);
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    /** The sample registration with its e-mail made unique, and the given fields changed. */
    private static APIGatewayV2HTTPEvent registration(Map<String, Object> changes) throws Exception {
        APIGatewayV2HTTPEvent event = event("register.json");
        ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
        body.put("email", "test-" + UUID.randomUUID() + "@example.ma");
        changes.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        event.setBody(JSON.writeValueAsString(body));
        return event;
    }

    private static String problemFields(APIGatewayV2HTTPResponse r) throws Exception {
        List<String> fields = new ArrayList<>();
        body(r).path("errors").forEach(e -> fields.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return String.join(",", fields);
    }

    @Test
    void registersFromTheSampleEventAndReadsTheRegistrationBack() throws Exception {
        APIGatewayV2HTTPResponse created = call(registration(Map.of()));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode registration = body(created);
        String id = registration.get("id").asText();
        assertEquals("/api/registrations/" + id, created.getHeaders().get("Location"));
        assertEquals("RECEIVED", registration.get("status").asText());
        assertEquals("+212661234567", registration.get("mobile").asText());
        assertEquals("رئيس(ة) مجلس الجهة", registration.get("categoryLabel").get("ar").asText());

        APIGatewayV2HTTPEvent get = event("get-registration.json");
        get.setRawPath("/api/registrations/" + id);
        get.getRequestContext().getHttp().setPath("/api/registrations/" + id);
        APIGatewayV2HTTPResponse read = call(get);
        assertEquals(200, read.getStatusCode(), read.getBody());
        assertEquals("فاطمة الزهراء الإدريسي", body(read).get("arabicName").asText());
        assertEquals(List.of("ws-stress-hydrique", "ws-attractivite"),
                JSON.convertValue(body(read).get("workshops"), List.class));
    }

    @Test
    void refusesInvalidFieldsWithAProblemNamingEachField() throws Exception {
        APIGatewayV2HTTPResponse r = call(registration(Map.of("email", "nope", "mobile", "0522223456",
                "lastName", "Ali\u202E", "workshops", List.of("ws-quantique"))));
        assertEquals(422, r.getStatusCode());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        assertEquals("lastName:bidi_control,email:invalid_email,mobile:not_mobile,workshops:unknown_workshop",
                problemFields(r));
        assertEquals("Adresse électronique invalide.", body(r).get("errors").get(1).get("message").asText());
    }

    @Test
    void answersInArabicWhenAskedTo() throws Exception {
        APIGatewayV2HTTPEvent event = registration(Map.of("email", "nope"));
        event.getHeaders().put("accept-language", "ar-MA,ar;q=0.9");
        APIGatewayV2HTTPResponse r = call(event);
        assertEquals("عنوان البريد الإلكتروني غير صالح.", body(r).get("errors").get(0).get("message").asText());
        assertEquals("معطيات غير صالحة", body(r).get("title").asText());
    }

    @Test
    void refusesUnknownFieldsAndWrongTypesWith400() throws Exception {
        APIGatewayV2HTTPResponse r = call(registration(Map.of("nickname", "Zaza", "workshops", "ws-mobilite",
                "category", 3)));
        assertEquals(400, r.getStatusCode(), r.getBody());
        String fields = problemFields(r);
        assertTrue(fields.contains("nickname:unknown_field"), fields);
        assertTrue(fields.contains("workshops:wrong_type"), fields);
        assertTrue(fields.contains("category:wrong_type"), fields);
    }

    @Test
    void refusesMalformedJsonOversizedBodiesAndWrongMediaTypes() throws Exception {
        APIGatewayV2HTTPEvent malformed = registration(Map.of());
        malformed.setBody("{\"email\": ");
        assertEquals(400, call(malformed).getStatusCode());

        APIGatewayV2HTTPEvent huge = registration(Map.of("organisation", "x".repeat(300 * 1024)));
        APIGatewayV2HTTPResponse tooLarge = call(huge);
        assertEquals(413, tooLarge.getStatusCode(), tooLarge.getBody());
        assertEquals("body:body_too_large", problemFields(tooLarge));

        APIGatewayV2HTTPEvent xml = registration(Map.of());
        xml.getHeaders().put("content-type", "application/xml");
        APIGatewayV2HTTPResponse unsupported = call(xml);
        assertEquals(415, unsupported.getStatusCode(), unsupported.getBody());
        assertEquals("application/problem+json", unsupported.getHeaders().get("Content-Type"));
    }

    @Test
    void refusesADuplicateWith409PointingAtTheExistingRegistration() throws Exception {
        APIGatewayV2HTTPEvent first = registration(Map.of());
        String existing = body(call(first)).get("id").asText();
        APIGatewayV2HTTPResponse again = call(first);
        assertEquals(409, again.getStatusCode());
        assertEquals(existing, body(again).get("existingId").asText());
        assertEquals("email:duplicate", problemFields(again));
    }

    @Test
    void answersUnknownRegistrationsAndRoutesWithProblems() throws Exception {
        APIGatewayV2HTTPEvent get = event("get-registration.json");
        get.setRawPath("/api/registrations/does-not-exist");
        get.getRequestContext().getHttp().setPath("/api/registrations/does-not-exist");
        APIGatewayV2HTTPResponse r = call(get);
        assertEquals(404, r.getStatusCode());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
    }

    @Test
    void importsTheSampleListWithAPerRowReportAndCreatesNothingTheSecondTime() throws Exception {
        // a fresh event keeps this test's addresses its own
        String eventId = "import-" + UUID.randomUUID();
        seedEvent(eventId);
        APIGatewayV2HTTPEvent event = event("import-registrations.json");
        event.setQueryStringParameters(new HashMap<>(Map.of("eventId", eventId)));
        event.setRawQueryString("eventId=" + eventId);
        String badRow = "\nMadame,,,,,,Astronaute,,,pas-un-courriel,0522223456,,ws-inconnu";
        event.setBody(event.getBody().stripTrailing() + badRow + "\n");

        APIGatewayV2HTTPResponse first = call(event);
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode report = body(first);
        assertEquals(4, report.get("rows").asInt());
        assertEquals(3, report.get("created").asInt());
        assertEquals(1, report.get("rejected").asInt());
        JsonNode rejected = report.get("results").get(3);
        assertEquals(5, rejected.get("row").asInt());
        List<String> fields = new ArrayList<>();
        rejected.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("lastName", "category", "email", "mobile", "workshops"), fields);

        JsonNode second = body(call(event));
        assertEquals(0, second.get("created").asInt());
        assertEquals(3, second.get("alreadyRegistered").asInt());

        APIGatewayV2HTTPEvent list = event("list-registrations.json");
        list.setQueryStringParameters(new HashMap<>(Map.of("eventId", eventId)));
        list.setRawQueryString("eventId=" + eventId);
        JsonNode page = body(call(list));
        List<String> names = new ArrayList<>();
        page.get("items").forEach(i -> names.add(i.get("lastName").asText()));
        // protocol order: region president, foreign delegation, expert
        assertEquals(List.of("Benjelloun", "Dupont", "El Idrissi"), names);
        assertNull(page.get("nextCursor"));
    }

    @Test
    void refusesAnImportWithUnknownColumnsOrTooManyRows() throws Exception {
        APIGatewayV2HTTPEvent event = event("import-registrations.json");
        event.setBody("courriel,couleur préférée\na@example.ma,bleu\n");
        APIGatewayV2HTTPResponse unknown = call(event);
        assertEquals(400, unknown.getStatusCode());
        assertTrue(problemFields(unknown).contains("couleur préférée:unknown_column"), problemFields(unknown));

        StringBuilder csv = new StringBuilder("courriel,nom,catégorie\n");
        for (int i = 0; i <= 5000; i++) {
            csv.append("p").append(i).append("@example.ma,Nom,Presse\n");
        }
        event.setBody(csv.toString());
        APIGatewayV2HTTPResponse tooMany = call(event);
        assertEquals(413, tooMany.getStatusCode(), tooMany.getBody());
        assertEquals("file:too_many_rows", problemFields(tooMany));

        // few rows, but over 4 MiB: refused by its size
        StringBuilder big = new StringBuilder("courriel,nom,catégorie\n");
        String longName = "N".repeat(1100);
        for (int i = 0; big.length() <= 4 * 1024 * 1024; i++) {
            big.append("p").append(i).append("@example.ma,").append(longName).append(",Presse\n");
        }
        assertTrue(big.toString().split("\n").length < 5000, "under the row limit");
        event.setBody(big.toString());
        APIGatewayV2HTTPResponse tooBig = call(event);
        assertEquals(413, tooBig.getStatusCode(), tooBig.getBody());
        assertEquals("body:body_too_large", problemFields(tooBig));
    }

    @Test
    void listsWithACursorAndRefusesAForgedOne() throws Exception {
        String eventId = "list-" + UUID.randomUUID();
        seedEvent(eventId);
        for (String name : List.of("Alami", "Bennis", "Cherkaoui")) {
            APIGatewayV2HTTPResponse r = call(registration(Map.of("eventId", eventId, "lastName", name,
                    "category", "PRESS", "workshops", List.of())));
            assertEquals(201, r.getStatusCode(), r.getBody());
        }
        APIGatewayV2HTTPEvent list = event("list-registrations.json");
        list.setQueryStringParameters(new HashMap<>(Map.of("eventId", eventId, "limit", "2")));
        list.setRawQueryString("eventId=" + eventId + "&limit=2");
        JsonNode first = body(call(list));
        assertEquals(2, first.get("items").size());
        String cursor = first.get("nextCursor").asText();
        assertNotNull(cursor);
        list.setQueryStringParameters(new HashMap<>(Map.of("eventId", eventId, "limit", "2", "cursor", cursor)));
        list.setRawQueryString("eventId=" + eventId + "&limit=2&cursor=" + cursor);
        JsonNode second = body(call(list));
        assertEquals("Cherkaoui", second.get("items").get(0).get("lastName").asText());

        list.setQueryStringParameters(new HashMap<>(Map.of("eventId", eventId, "cursor", "forged")));
        list.setRawQueryString("eventId=" + eventId + "&cursor=forged");
        APIGatewayV2HTTPResponse forged = call(list);
        assertEquals(400, forged.getStatusCode());
        assertEquals("cursor:invalid_cursor", problemFields(forged));
    }

    private static void seedEvent(String eventId) {
        Programme copy = SampleData.assisesAs(eventId);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .build()).build();
        new ProgrammeTable(enhanced, "EventsTable").save(copy);
    }
}
