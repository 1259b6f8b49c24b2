package io.convoc.api.access;

import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalIdentity;
import io.convoc.localcloud.SampleData;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the api × every kind of caller, through the local API Gateway and its JWT authorizer, as a browser
 * or curl reaches it: no token, a token with no role, the protocol office, an organizer. The table below is the
 * access policy; a route the router serves that the table does not name fails the test.
 */
@ExtendWith(LocalCloudExtension.class)
class AccessTest {
    private static final Set<Role> ORGANIZERS = EnumSet.of(Role.ORGANIZER);
    private static final Set<Role> STAFF = EnumSet.of(Role.ORGANIZER, Role.PROTOCOL);
    private static final Set<Role> EVERYONE = EnumSet.of(Role.PUBLIC);

    /** A route, a request that reaches it, and who may call it. */
    record Spec(String method, String template, String path, String body, Set<Role> allowed) {
        String key() {
            return method + " " + template;
        }
    }

    private static ApiHandler handler;
    private static HttpApiGateway gateway;
    private static LocalIdentity identity;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EVENT = "assises-" + UUID.randomUUID();
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeAll
    static void start(LocalCloud cloud) throws Exception {
        new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.tableName("EventsTable")).save(SampleData.assisesAs(EVENT));
        handler = new ApiHandler();
        identity = cloud.identity();
        gateway = HttpApiGateway.start(cloud.template(), "ApiFunction", handler, "127.0.0.1", 0, identity);
        TOKENS.put("public", identity.token("visitor", List.of(), Duration.ofMinutes(10)));
        TOKENS.put("protocol", identity.token("protocole.tanger", List.of("protocol"), Duration.ofMinutes(10)));
        TOKENS.put("organizer", identity.token("organisateur.dgct", List.of("organizer"), Duration.ofMinutes(10)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.close();
    }

    private static List<Spec> policy() {
        String registration = "{\"eventId\":\"" + EVENT + "\",\"lastName\":\"Alaoui\",\"firstName\":\"Karim\","
                + "\"category\":\"EXPERT\",\"email\":\"access-" + UUID.randomUUID() + "@example.ma\"}";
        String session = "{\"title\":{\"fr\":\"Table ronde\",\"ar\":\"مائدة مستديرة\"},\"kind\":\"PLENARY\","
                + "\"start\":\"2024-12-21T13:00\",\"end\":\"2024-12-21T13:30\","
                + "\"room\":{\"fr\":\"Salle 12\",\"ar\":\"القاعة 12\"}}";
        return List.of(
                new Spec("POST", "/api/registrations", "/api/registrations", registration, ORGANIZERS),
                new Spec("GET", "/api/registrations", "/api/registrations?eventId=" + EVENT, null, STAFF),
                new Spec("GET", "/api/registrations/{id}", "/api/registrations/" + UUID.randomUUID(), null, STAFF),
                new Spec("POST", "/api/registrations/import", "/api/registrations/import?eventId=" + EVENT,
                        "nom,prénom,catégorie,courriel\nTazi,Nadia,Expert,nadia-" + UUID.randomUUID() + "@example.ma\n",
                        ORGANIZERS),
                new Spec("POST", "/api/registrations/{id}/resend", "/api/registrations/" + UUID.randomUUID() + "/resend",
                        "{\"notice\":\"CONFIRMATION#EMAIL#v1#x\"}", ORGANIZERS),
                new Spec("GET", "/api/events/{eventId}/programme", "/api/events/" + EVENT + "/programme", null, STAFF),
                new Spec("GET", "/api/events/{eventId}/sessions/{sessionId}",
                        "/api/events/" + EVENT + "/sessions/opening", null, STAFF),
                new Spec("POST", "/api/events/{eventId}/sessions", "/api/events/" + EVENT + "/sessions", session,
                        ORGANIZERS),
                new Spec("PUT", "/api/events/{eventId}/sessions/{sessionId}",
                        "/api/events/" + EVENT + "/sessions/ws-numerique", session, ORGANIZERS),
                new Spec("GET", "/api/events/{eventId}/sessions/{sessionId}/audience",
                        "/api/events/" + EVENT + "/sessions/ws-numerique/audience", null, ORGANIZERS),
                // the console's files: public, they hold no data
                new Spec("GET", "/console", "/console", null, EVERYONE),
                new Spec("GET", "/console/signed-in", "/console/signed-in", null, EVERYONE),
                new Spec("GET", "/console/config.json", "/console/config.json", null, EVERYONE),
                new Spec("GET", "/console/messages/{file}", "/console/messages/ar.json", null, EVERYONE),
                new Spec("GET", "/console/{+path}", "/console/js/app.js", null, EVERYONE),
                new Spec("GET", "/api/verify/{token}", "/api/verify/not-a-token", null, EVERYONE),
                new Spec("GET", "/api/verify/keys", "/api/verify/keys", null, EVERYONE),
                new Spec("GET", "/api/public/letters/{token}", "/api/public/letters/not-a-token", null, EVERYONE),
                new Spec("GET", "/api/public/unsubscribe/{token}", "/api/public/unsubscribe/not-a-token", null,
                        EVERYONE),
                new Spec("POST", "/api/public/unsubscribe/{token}", "/api/public/unsubscribe/not-a-token", null,
                        EVERYONE),
                new Spec("GET", "/l/{code}", "/l/Zz9Zz9Zz", null, EVERYONE),
                new Spec("POST", "/api/public/registrations", "/api/public/registrations",
                        "{\"eventId\":\"" + EVENT + "\",\"code\":\"AAAA-BBBB-CCCC\",\"lastName\":\"Tazi\","
                                + "\"email\":\"x@example.ma\"}", EVERYONE),
                new Spec("POST", "/api/events/{eventId}/invitation-codes", "/api/events/" + EVENT + "/invitation-codes",
                        "{\"delegation\":\"Région de l'Oriental\",\"category\":\"EXPERT\",\"maxUses\":3}",
                        ORGANIZERS),
                new Spec("GET", "/api/events/{eventId}/invitation-codes", "/api/events/" + EVENT + "/invitation-codes",
                        null, ORGANIZERS),
                new Spec("GET", "/api/letters", "/api/letters?eventId=" + EVENT, null, STAFF),
                new Spec("GET", "/api/letters/{registrationId:[0-9a-fA-F-]+}", "/api/letters/" + UUID.randomUUID(),
                        null, STAFF),
                new Spec("GET", "/api/letters/{registrationId:[0-9a-fA-F-]+}/downloads",
                        "/api/letters/" + UUID.randomUUID() + "/downloads", null, STAFF),
                new Spec("GET", "/api/letters/downloads", "/api/letters/downloads?user=u-1", null, ORGANIZERS),
                new Spec("POST", "/api/letters/exports", "/api/letters/exports", "{\"eventId\":\"" + EVENT + "\"}",
                        STAFF),
                new Spec("GET", "/api/letters/exports/{exportId}", "/api/letters/exports/" + UUID.randomUUID(), null,
                        STAFF),
                new Spec("POST", "/api/announcements", "/api/announcements", "{\"eventId\":\"" + EVENT
                        + "\",\"channels\":[\"email\"],\"subject\":{\"fr\":\"Rappel\",\"ar\":\"تذكير\"},"
                        + "\"body\":{\"fr\":\"Bonjour ((name))\",\"ar\":\"مرحبا ((name))\"}}", ORGANIZERS),
                new Spec("GET", "/api/announcements", "/api/announcements", null, ORGANIZERS),
                new Spec("GET", "/api/announcements/{id}", "/api/announcements/999999", null, ORGANIZERS),
                new Spec("GET", "/api/announcements/{id}/preview", "/api/announcements/999999/preview", null,
                        ORGANIZERS),
                new Spec("POST", "/api/announcements/{id}/send", "/api/announcements/999999/send", null, ORGANIZERS),
                new Spec("POST", "/api/announcements/{id}/cancel", "/api/announcements/999999/cancel", null,
                        ORGANIZERS),
                new Spec("GET", "/api/registrations/{id}/calendar.ics",
                        "/api/registrations/" + UUID.randomUUID() + "/calendar.ics?token=1.x", null, EVERYONE));
    }

    private static HttpResponse<String> call(Spec spec, String caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + spec.path()));
        if (caller != null) {
            request.header("Authorization", "Bearer " + TOKENS.get(caller));
        }
        if (spec.body() != null) {
            request.header("Content-Type", spec.body().startsWith("{") ? "application/json" : "text/csv");
            if (spec.method().equals("PUT")) {
                request.header("If-Match", "\"1\"");
            }
        }
        request.method(spec.method(), spec.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(spec.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @TestFactory
    List<DynamicTest> everyRouteAnswersEachCallerAsItsRoleAllows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Spec spec : policy()) {
            for (String caller : new String[]{null, "public", "protocol", "organizer"}) {
                tests.add(DynamicTest.dynamicTest(spec.key() + " as " + (caller == null ? "nobody" : caller), () -> {
                    HttpResponse<String> r = call(spec, caller);
                    boolean open = spec.allowed().contains(Role.PUBLIC);
                    boolean allowed = open || (caller != null && !caller.equals("public")
                            && spec.allowed().contains(Role.valueOf(caller.toUpperCase(java.util.Locale.ROOT))));
                    if (allowed) {
                        assertTrue(r.statusCode() < 500 && r.statusCode() != 401 && r.statusCode() != 403,
                                r.statusCode() + " " + r.body());
                    } else if (caller == null) {
                        assertEquals(401, r.statusCode(), r.body());
                    } else {
                        assertEquals(403, r.statusCode(), r.body());
                        assertTrue(r.body().contains("role_required"), r.body());
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void thePolicyNamesEveryRouteTheApiServes() {
        Set<String> served = handler.getApplicationContext().getBean(Router.class).uriRoutes()
                .filter(r -> !r.getHttpMethodName().equals("HEAD")) // Micronaut answers HEAD for every GET
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> specified = policy().stream().map(Spec::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(specified, served);
    }

    @Test
    void aTokenFromAnotherKeyOrExpiredIsRefusedByTheGateway() throws Exception {
        Spec list = policy().get(1);
        String expired = identity.token("organisateur.dgct", List.of("organizer"), Duration.ofSeconds(-60));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + list.path()))
                .header("Authorization", "Bearer " + expired).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        String tampered = TOKENS.get("protocol").substring(0, TOKENS.get("protocol").length() - 4) + "AAAA";
        r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + list.path()))
                .header("Authorization", "Bearer " + tampered).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
    }

    @Test
    void theProtocolOfficeSeesNamesButNoContactData() throws Exception {
        HttpResponse<String> created = call(policy().get(0), "organizer");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> asProtocol = call(policy().get(1), "protocol");
        assertEquals(200, asProtocol.statusCode(), asProtocol.body());
        assertTrue(asProtocol.body().contains("Alaoui"), asProtocol.body());
        assertFalse(asProtocol.body().contains("@example.ma"), asProtocol.body());
        HttpResponse<String> asOrganizer = call(policy().get(1), "organizer");
        assertTrue(asOrganizer.body().contains("@example.ma"), asOrganizer.body());
    }
}
