package io.convoc.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inputs of issue 10's hostile tester: each gets a clear 4xx problem+json, never a 500, never a '?' later. */
@ExtendWith(LocalCloudExtension.class)
class HostileInputTest {
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

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    /** The sample registration (organizer's claims) with a unique e-mail and the given raw JSON members spliced in. */
    static APIGatewayV2HTTPEvent registration(String extraMembers) throws Exception {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("register.json");
        ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
        body.put("email", "hostile-" + UUID.randomUUID() + "@example.ma");
        extraMembers = extraMembers == null ? "" : extraMembers;
        List<String> names = new ArrayList<>();
        JSON.readTree("{" + extraMembers.replace("\\ud800", "") + "}").fieldNames().forEachRemaining(names::add);
        names.forEach(body::remove);
        String json = JSON.writeValueAsString(body);
        event.setBody(extraMembers.isEmpty() ? json : json.substring(0, json.length() - 1) + "," + extraMembers + "}");
        return event;
    }

    static String fields(APIGatewayV2HTTPResponse r) throws Exception {
        List<String> fields = new ArrayList<>();
        JSON.readTree(r.getBody()).path("errors").forEach(e -> fields.add(e.get("field").asText() + ":"
                + e.get("code").asText()));
        return String.join(",", fields);
    }

    static void assertProblem(int status, String fields, APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"), r.getBody());
        if (fields != null) {
            assertTrue(fields(r).contains(fields), r.getBody());
        }
    }

    @Test
    void anUnpairedSurrogateInANameIs422NotA500() throws Exception {
        assertProblem(422, "lastName:invalid_character", call(registration("\"lastName\":\"A\\ud800B\"")));
    }

    @Test
    void emptyBodiesAre400() throws Exception {
        APIGatewayV2HTTPEvent register = registration(null);
        register.setBody(null);
        assertProblem(400, "body:body_required", call(register));
        APIGatewayV2HTTPEvent empty = registration(null);
        empty.setBody("");
        assertProblem(400, "body:body_required", call(empty));
        APIGatewayV2HTTPEvent imports = SampleData.apiRequest("import-registrations.json");
        imports.setBody(null);
        APIGatewayV2HTTPResponse r = call(imports);
        assertProblem(400, "body:body_required", r);
    }

    @Test
    void overLongIdsEventIdsCursorsAndWorkshopsAreAnsweredBeforeDynamoDb() throws Exception {
        String longId = "x".repeat(3000);
        APIGatewayV2HTTPEvent get = SampleData.apiRequest("get-registration.json");
        get.setRawPath("/api/registrations/" + longId);
        get.getRequestContext().getHttp().setPath("/api/registrations/" + longId);
        assertProblem(404, null, call(get));

        for (Map<String, String> query : List.of(Map.of("eventId", longId), Map.of("eventId", "assises-2024",
                "cursor", "A".repeat(5000)), Map.of("eventId", "assises-2024", "workshop", longId),
                Map.of("eventId", "\ud800"), Map.of("eventId", "assises-2024", "category", "\u202E" + longId))) {
            APIGatewayV2HTTPEvent list = SampleData.apiRequest("list-registrations.json");
            list.setQueryStringParameters(new HashMap<>(query));
            list.setRawQueryString("");
            APIGatewayV2HTTPResponse r = call(list);
            assertTrue(r.getStatusCode() >= 400 && r.getStatusCode() < 500, query + " " + r.getStatusCode());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
            assertTrue(r.getBody().length() < 2000, "the detail quotes an excerpt only: " + r.getBody().length());
            assertFalse(r.getBody().contains("\u202E"), r.getBody());
        }
        APIGatewayV2HTTPEvent register = registration("\"eventId\":\"" + longId + "\"");
        assertProblem(404, "eventId:unknown_event", call(register));
    }

    @Test
    void trailingGarbageConcatenatedObjectsAndDuplicateKeysAre400() throws Exception {
        APIGatewayV2HTTPEvent event = registration(null);
        String body = event.getBody();
        event.setBody(body + "garbage");
        assertProblem(400, "body:", call(event));
        event.setBody(body + body);
        assertProblem(400, "body:trailing_content", call(event));
        event.setBody(body.substring(0, body.length() - 1) + ",\"lastName\":\"Autre\"}");
        assertProblem(400, "lastName:duplicate_key", call(event));
    }

    @Test
    void invisibleOnlyNamesAre422AndDirectionalMarksAreTrimmedNotRefused() throws Exception {
        assertProblem(422, "lastName:invisible_only", call(registration("\"lastName\":\"\\u200B\\u200C\\u2060\"")));
        APIGatewayV2HTTPResponse ok = call(registration("\"languages\":\"ar\\u200F\",\"lastName\":\"\\u200FAlaoui\\u200E\","
                + "\"arabicName\":\"\\u061Cكريم العلوي\\u200F\",\"region\":\"\\u200Fطنجة تطوان الحسيمة\""));
        assertEquals(201, ok.getStatusCode(), ok.getBody());
        JsonNode created = JSON.readTree(ok.getBody());
        assertEquals("Alaoui", created.get("lastName").asText());
        assertEquals("كريم العلوي", created.get("arabicName").asText());
    }

    @Test
    void charactersNoFontOfTheLetterHasAreRefusedNamingTheCharacter() throws Exception {
        APIGatewayV2HTTPResponse emoji = call(registration("\"firstName\":\"Karim \\ud83d\\ude00\""));
        assertProblem(422, "firstName:unsupported_character", emoji);
        assertTrue(emoji.getBody().contains("U+1F600 GRINNING FACE"), emoji.getBody());
        assertTrue(emoji.getBody().contains("latine, arabe, tifinagh"), emoji.getBody());
        assertProblem(422, "lastName:unsupported_character", call(registration("\"lastName\":\"王\"")));
        assertEquals(201, call(registration("\"lastName\":\"Aït-ⵓⵍⵎⵓⵏ Œuvray\"")).getStatusCode());
    }

    @Test
    void errorDetailsQuoteAShortEscapedExcerpt() throws Exception {
        APIGatewayV2HTTPResponse r = call(registration("\"civility\":\"\\u202E\\u0007" + "M".repeat(5000) + "\""));
        assertProblem(422, "civility:unknown_value", r);
        String detail = JSON.readTree(r.getBody()).get("detail").asText();
        assertTrue(detail.length() < 120, detail);
        assertTrue(detail.contains("\\u{202E}\\u{0007}MMM") && detail.endsWith("….") || detail.contains("…"), detail);
        APIGatewayV2HTTPResponse key = call(registration("\"" + "k".repeat(5000) + "\":1"));
        assertProblem(400, "unknown_field", key);
        assertTrue(key.getBody().length() < 1000, key.getBody());
    }

    @Test
    void invalidUtf8InJsonIsRefusedWithItsByteOffset() throws Exception {
        APIGatewayV2HTTPEvent event = registration(null);
        // what a gateway hands on for bytes that were not UTF-8
        event.setBody(event.getBody().replace("Fatima", "Fatima\uFFFD"));
        assertProblem(400, "body:invalid_utf8", call(event));
    }

    @Test
    void aWindows1252CsvIsRefusedPlainlyWithTheLineAndByteOffset() throws Exception {
        APIGatewayV2HTTPEvent imports = SampleData.apiRequest("import-registrations.json");
        // "civilité" saved by Excel on a French Windows: E9 is no UTF-8, the gateway passes U+FFFD
        imports.setBody("civilit\uFFFD,nom,cat\uFFFDgorie,courriel\nMonsieur,Alaoui,Expert,a@example.ma\n");
        APIGatewayV2HTTPResponse r = call(imports);
        assertProblem(400, "file:not_utf8_csv", r);
        assertTrue(JSON.readTree(r.getBody()).get("detail").asText().contains("ligne 1, octet 7"), r.getBody());
        assertTrue(r.getBody().contains("CSV UTF-8"), r.getBody());
    }

    @Test
    void aBarePercentInThePathIsAProblemNotA500() throws Exception {
        for (String path : List.of("/api/registrations/%", "/api/registrations/%ZZ", "/api/registrations/%C3",
                "/api/registrations/a%00b", "/api/events/%/programme")) {
            APIGatewayV2HTTPEvent get = SampleData.apiRequest("get-registration.json");
            get.setRawPath(path);
            get.getRequestContext().getHttp().setPath(path);
            APIGatewayV2HTTPResponse r = call(get);
            assertTrue(r.getStatusCode() >= 400 && r.getStatusCode() < 500, path + " " + r.getStatusCode());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"), path);
        }
    }
}
