package io.convoc.api.invitations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.InvitationCodeTable;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.invitations.InvitationCode;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organizers' invitation codes and the public form that takes them, through the api function. */
@ExtendWith(LocalCloudExtension.class)
class PublicRegistrationControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;
    private static LocalCloud cloud;
    private static RegistrationTable registrations;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static String newEvent() {
        String eventId = "assises-" + UUID.randomUUID();
        new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.tableName("EventsTable")).save(SampleData.assisesAs(eventId));
        return eventId;
    }

    /** The sample public registration, for an event, a code, an address and a source IP. */
    private static APIGatewayV2HTTPEvent form(String eventId, String code, String email, String sourceIp,
                                              Map<String, Object> changes) throws Exception {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("register-public.json");
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(event.getBody());
        body.put("eventId", eventId);
        body.put("email", email);
        if (code == null) {
            body.remove("code");
        } else {
            body.put("code", code);
        }
        changes.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        event.setBody(JSON.writeValueAsString(body));
        event.getRequestContext().getHttp().setSourceIp(sourceIp);
        return event;
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static String newCode(String eventId, int maxUses) throws Exception {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("create-invitation-code.json");
        String path = event.getRawPath().replace("assises-2024", eventId);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(event.getBody());
        body.put("maxUses", maxUses);
        event.setBody(JSON.writeValueAsString(body));
        APIGatewayV2HTTPResponse created = call(event);
        assertEquals(201, created.getStatusCode(), created.getBody());
        return JSON.readTree(created.getBody()).get("code").asText();
    }

    private static String fields(APIGatewayV2HTTPResponse r) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(r.getBody()).path("errors").forEach(e -> out.add(e.get("field").asText() + ":"
                + e.get("code").asText()));
        return String.join(",", out);
    }

    private static String ip() {
        return "196.200." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    @Test
    void aCodeGrantsItsCategoryAndRegionAndIsTypedAnyHow() throws Exception {
        String eventId = newEvent();
        String code = newCode(eventId, 5);
        assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);
        String email = "wali-" + UUID.randomUUID() + "@example.ma";
        APIGatewayV2HTTPResponse r = call(form(eventId, code.toLowerCase().replace("-", " "), email, ip(), Map.of()));
        assertEquals(202, r.getStatusCode(), r.getBody());
        var registration = registrations.find(registrations.findIdByEmail(eventId, email).orElseThrow()).orElseThrow();
        assertEquals(Category.REGION_PRESIDENT, registration.category(), "the code's category, not one typed");
        assertEquals("TANGER_TETOUAN_AL_HOCEIMA", registration.region().name());
    }

    @Test
    void anAddressAlreadyRegisteredGetsTheSameAnswerAndItsOwnerAnEmailNotANewRegistration() throws Exception {
        String eventId = newEvent();
        String code = newCode(eventId, 5);
        String email = "deja-" + UUID.randomUUID() + "@example.ma";
        APIGatewayV2HTTPResponse first = call(form(eventId, code, email, ip(), Map.of()));
        String id = registrations.findIdByEmail(eventId, email).orElseThrow();
        registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0900", "letters/x/v1.pdf", "00", Instant.now()),
                Instant.now());
        APIGatewayV2HTTPResponse again = call(form(eventId, code, email.toUpperCase(), ip(), Map.of()));
        assertEquals(first.getStatusCode(), again.getStatusCode());
        assertEquals(first.getBody(), again.getBody(), "nothing tells the caller the address was registered");
        var notices = new NotificationTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.dynamo(), cloud.tableName("NotificationsTable")).listFor(id);
        assertEquals(1, notices.stream().filter(n -> n.kind().name().equals("ALREADY_REGISTERED")).count(), notices.toString());
        InvitationCode used = new InvitationCodeTable(cloud.dynamo(), cloud.tableName("EventsTable"))
                .find(eventId, code).orElseThrow();
        assertEquals(1, used.uses(), "a duplicate does not use the code");
    }

    @Test
    void aMissingUnknownExpiredOrUsedUpCodeIsRefusedNamingTheCode() throws Exception {
        String eventId = newEvent();
        assertEquals("code:required", fields(call(form(eventId, null, "a-" + UUID.randomUUID() + "@example.ma",
                ip(), Map.of()))));
        assertEquals("code:unknown_code", fields(call(form(eventId, "AAAA-BBBB-CCCC", "b-" + UUID.randomUUID()
                + "@example.ma", ip(), Map.of()))));
        new InvitationCodeTable(cloud.dynamo(), cloud.tableName("EventsTable")).create(new InvitationCode(eventId,
                "XPRD-XPRD-XPRD", "Région de l'Oriental", Category.EXPERT, null, 10, 0,
                Instant.now().minusSeconds(60), "test", Instant.now().minusSeconds(3600)));
        assertEquals("code:expired_code", fields(call(form(eventId, "XPRD-XPRD-XPRD", "c-" + UUID.randomUUID()
                + "@example.ma", ip(), Map.of()))));
        String once = newCode(eventId, 1);
        assertEquals(202, call(form(eventId, once, "d-" + UUID.randomUUID() + "@example.ma", ip(), Map.of()))
                .getStatusCode());
        APIGatewayV2HTTPResponse usedUp = call(form(eventId, once, "e-" + UUID.randomUUID() + "@example.ma", ip(),
                Map.of()));
        assertEquals(422, usedUp.getStatusCode());
        assertEquals("code:code_used_up", fields(usedUp));
    }

    @Test
    void invalidInputGivesTheUseBackAndTheFormCannotChooseItsCategoryNorAMobileAbroad() throws Exception {
        String eventId = newEvent();
        String code = newCode(eventId, 1);
        APIGatewayV2HTTPResponse abroad = call(form(eventId, code, "f-" + UUID.randomUUID() + "@example.ma", ip(),
                Map.of("mobile", "+33 6 12 34 56 78")));
        assertEquals("mobile:foreign_mobile", fields(abroad));
        assertEquals(202, call(form(eventId, code, "g-" + UUID.randomUUID() + "@example.ma", ip(), Map.of()))
                .getStatusCode(), "the refused request did not use the only use");
        APIGatewayV2HTTPResponse chooses = call(form(eventId, code, "h-" + UUID.randomUUID() + "@example.ma", ip(),
                Map.of("category", "GOVERNMENT_MEMBER")));
        assertEquals(400, chooses.getStatusCode());
        assertEquals("category:unknown_field", fields(chooses));
    }

    @Test
    void oneAddressSendingTooManyRequestsIsToldToWait() throws Exception {
        String eventId = newEvent();
        String address = ip();
        // 10 a minute in fixed windows: the 11th request of a window is refused (21 at most if a window ends meanwhile)
        APIGatewayV2HTTPResponse last = null;
        int sent = 0;
        while (sent < 21 && (last == null || last.getStatusCode() != 429)) {
            last = call(form(eventId, "AAAA-BBBB-CCCC", "r" + sent + "@example.ma", address, Map.of()));
            sent++;
        }
        assertEquals(429, last.getStatusCode(), last.getBody());
        assertTrue(sent >= 11, "nothing refused before the 11th request of a window: refused at " + sent);
        assertTrue(Integer.parseInt(last.getHeaders().get("Retry-After")) > 0);
        assertEquals("address:rate_limited", fields(last));
    }

    @Test
    void organizersListTheirCodesWithTheirUses() throws Exception {
        String eventId = newEvent();
        String code = newCode(eventId, 3);
        APIGatewayV2HTTPEvent list = SampleData.apiRequest("create-invitation-code.json");
        String path = list.getRawPath().replace("assises-2024", eventId);
        list.setRawPath(path);
        list.getRequestContext().getHttp().setPath(path);
        list.getRequestContext().getHttp().setMethod("GET");
        list.setBody(null);
        APIGatewayV2HTTPResponse r = call(list);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode codes = JSON.readTree(r.getBody());
        assertEquals(code, codes.get(0).get("code").asText());
        assertEquals(3, codes.get(0).get("maxUses").asInt());
        assertEquals("Président(e) de région", codes.get(0).get("categoryLabel").get("fr").asText());
    }
}
