package io.convoc.api.letters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.api.ApiHandler;
import io.convoc.api.Tokens;
import io.convoc.aws.dynamo.LetterExportTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol office's letters through the api function, as API Gateway calls it once its JWT authorizer has let
 * the token through: the listing, the audited download, its record, and export requests. Each test has its own event.
 */
@ExtendWith(LocalCloudExtension.class)
class ProtocolLettersControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;
    private static ProgrammeTable programmes;
    private static RegistrationTable registrations;
    private static S3Client s3;
    private static String bucket;
    private static LetterExportTable exports;

    @BeforeAll
    static void start(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        s3 = cloud.s3();
        bucket = cloud.bucketName("LettersBucket");
        exports = new LetterExportTable(cloud.dynamo(), cloud.tableName("LetterDownloadsTable"));
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

    /** A registration with contact data; with {@code withLetter}, letter v1 stored and recorded as on-registration does. */
    private static Registration register(String eventId, Category category, String first, String last, String arabic,
                                         Region region, boolean withLetter) {
        Instant now = Instant.now();
        Registration r = new Registration(UUID.randomUUID().toString(), eventId, null,
                new PersonName(first, last, arabic), "Titre", "صفة", category, "", region,
                "contact-" + UUID.randomUUID() + "@example.ma", "+212661234567", null, List.of("ws-numerique"),
                RegistrationSource.IMPORT, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        if (withLetter) {
            String key = "letters/" + eventId + "/" + r.id() + "/v1.pdf";
            byte[] pdf = ("%PDF-1.7 letter of " + last + " " + r.id()).getBytes(StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/pdf"), RequestBody.fromBytes(pdf));
            String reference = "TEST/" + last.toUpperCase();
            assertTrue(registrations.recordLetter(r.id(), 0, new LetterInfo(1, reference, key, "sha", now), now));
        }
        return registrations.find(r.id()).orElseThrow();
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> query, String body,
                                                 String role) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("get-registration.json");
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().getHttp().setMethod(method);
        event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        event.setRawQueryString(String.join("&", query.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList()));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("user-agent", "ProtocolDesk/1.0 (test)");
        event.getRequestContext().getHttp().setUserAgent("ProtocolDesk/1.0 (test)");
        if (body != null) {
            headers.put("content-type", "application/json");
            event.setBody(body);
        }
        event.setHeaders(headers);
        return Tokens.as(event, role);
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static APIGatewayV2HTTPResponse get(String path, Map<String, String> query, String role) {
        return call(request("GET", path, query, null, role));
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    private static String header(APIGatewayV2HTTPResponse r, String name) {
        if (r.getHeaders() != null) {
            for (var e : r.getHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        if (r.getMultiValueHeaders() != null) {
            for (var e : r.getMultiValueHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
        }
        return null;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(i -> names.add(i.get("lastName").asText()));
        return names;
    }

    @Test
    void listingAsProtocolIsInProtocolOrderWithReferencesAndStatusesButNoContactData() throws Exception {
        String eventId = newEvent();
        register(eventId, Category.PRESS, "Zineb", "Zahri", "زينب الزهري", Region.ORIENTAL, true);
        register(eventId, Category.EXPERT, "Omar", "Chraibi", "عمر الشرايبي", Region.SOUSS_MASSA, true);
        register(eventId, Category.GOVERNMENT_MEMBER, "Nadia", "Bennani", "نادية بناني", Region.ORIENTAL, true);
        register(eventId, Category.EXPERT, "Amina", "Alami", "أمينة العلمي", null, false);

        APIGatewayV2HTTPResponse r = get("/api/letters", Map.of("eventId", eventId), "protocol");
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode page = body(r);
        assertEquals(List.of("Bennani", "Alami", "Chraibi", "Zahri"), names(page), "category rank, then name");
        JsonNode bennani = page.get("items").get(0);
        assertEquals("TEST/BENNANI", bennani.get("reference").asText());
        assertEquals(1, bennani.get("version").asInt());
        assertEquals("LETTER_READY", bennani.get("status").asText());
        assertEquals("نادية بناني", bennani.get("arabicName").asText());
        assertEquals("Membre du gouvernement", bennani.get("categoryLabel").get("fr").asText());
        assertTrue(bennani.path("lastDownload").isMissingNode(), "never downloaded");
        JsonNode alami = page.get("items").get(1);
        assertEquals("RECEIVED", alami.get("status").asText());
        assertEquals(0, alami.get("version").asInt());
        assertFalse(r.getBody().contains("@example.ma"), "no e-mail: " + r.getBody());
        assertFalse(r.getBody().contains("661234567"), "no mobile: " + r.getBody());
        assertFalse(r.getBody().contains("\"email\"") || r.getBody().contains("\"mobile\""), r.getBody());

        assertEquals(List.of("Bennani", "Chraibi", "Zahri"),
                names(body(get("/api/letters", Map.of("eventId", eventId, "status", "LETTER_READY"), "protocol"))));
        assertEquals(List.of("Alami", "Chraibi"),
                names(body(get("/api/letters", Map.of("eventId", eventId, "category", "Expert"), "organizer"))));
        assertEquals(List.of("Bennani", "Zahri"),
                names(body(get("/api/letters", Map.of("eventId", eventId, "region", "ORIENTAL"), "protocol"))));
        assertEquals(List.of("Alami", "Chraibi"), names(body(get("/api/letters",
                Map.of("eventId", eventId, "workshop", "ws-numerique", "category", "EXPERT"), "protocol"))));
        assertEquals(List.of("Chraibi"), names(body(get("/api/letters", Map.of("eventId", eventId,
                "workshop", "ws-numerique", "region", "SOUSS_MASSA"), "protocol"))));

        // paged: a page of two, then the rest from its cursor
        JsonNode first = body(get("/api/letters", Map.of("eventId", eventId, "limit", "2"), "protocol"));
        assertEquals(List.of("Bennani", "Alami"), names(first));
        JsonNode rest = body(get("/api/letters", Map.of("eventId", eventId, "limit", "2",
                "cursor", first.get("nextCursor").asText()), "protocol"));
        assertEquals(List.of("Chraibi", "Zahri"), names(rest));

        assertEquals(400, get("/api/letters", Map.of("eventId", eventId, "status", "PERDU"), "protocol")
                .getStatusCode());
        assertEquals(404, get("/api/letters", Map.of("eventId", "no-such-event"), "protocol").getStatusCode());
    }

    @Test
    void aDownloadRedirectsToAWorkingFiveMinuteLinkAndIsAuditedWithWhoRoleVersionAndAddress() throws Exception {
        String eventId = newEvent();
        Registration r = register(eventId, Category.REGION_PRESIDENT, "Karim", "El Amrani", "كريم العمراني",
                Region.TANGER_TETOUAN_AL_HOCEIMA, true);

        APIGatewayV2HTTPResponse redirect = get("/api/letters/" + r.id(), Map.of(), "protocol");
        assertEquals(303, redirect.getStatusCode(), redirect.getBody());
        String location = header(redirect, "Location");
        assertTrue(location.contains("X-Amz-Expires=300"), location);
        assertTrue(location.contains("/letters/" + eventId + "/" + r.id() + "/v1.pdf"), location);
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode(), "s3proxy checked the signature");
        assertArrayEquals(s3.getObjectAsBytes(b -> b.bucket(bucket).key(r.letter().key())).asByteArray(), pdf.body());
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("TEST-EL-AMRANI-v1.pdf"),
                pdf.headers().toString());

        JsonNode downloads = body(get("/api/letters/" + r.id() + "/downloads", Map.of(), "organizer"));
        assertEquals(1, downloads.get("items").size(), downloads.toString());
        JsonNode entry = downloads.get("items").get(0);
        assertEquals(Tokens.subject("protocol"), entry.get("by").get("subject").asText());
        assertEquals("protocole.tanger", entry.get("by").get("userName").asText());
        assertEquals("protocol", entry.get("by").get("role").asText());
        assertEquals(1, entry.get("version").asInt());
        assertEquals("TEST/EL AMRANI", entry.get("reference").asText());
        assertEquals("DOWNLOAD", entry.get("kind").asText());
        assertEquals("196.200.1.10", entry.get("sourceIp").asText(), "from the request context");
        assertEquals("ProtocolDesk/1.0 (test)", entry.get("userAgent").asText());
        Instant at = Instant.parse(entry.get("at").asText());
        assertTrue(at.isAfter(Instant.now().minusSeconds(60)) && !at.isAfter(Instant.now()), at.toString());

        // a second download, by an organizer: newest first, and the listing names who downloaded last
        assertEquals(303, get("/api/letters/" + r.id(), Map.of(), "organizer").getStatusCode());
        JsonNode both = body(get("/api/letters/" + r.id() + "/downloads", Map.of(), "protocol"));
        assertEquals(List.of("organizer", "protocol"), List.of(both.get("items").get(0).get("by").get("role").asText(),
                both.get("items").get(1).get("by").get("role").asText()));
        JsonNode listed = body(get("/api/letters", Map.of("eventId", eventId), "protocol")).get("items").get(0);
        assertEquals("organisateur.dgct", listed.get("lastDownload").get("by").get("userName").asText());
        assertEquals(both.get("items").get(0).get("at").asText(), listed.get("lastDownload").get("at").asText());

        // what one user downloaded (the organizers' audit), and pages of one entry
        JsonNode byUser = body(get("/api/letters/downloads", Map.of("user", Tokens.subject("protocol"), "limit", "1"),
                "organizer"));
        assertEquals(1, byUser.get("items").size());
        assertEquals(Tokens.subject("protocol"), byUser.get("items").get(0).get("by").get("subject").asText());
        assertEquals(403, get("/api/letters/downloads", Map.of("user", Tokens.subject("protocol")), "protocol")
                .getStatusCode(), "the by-user audit is the organizers'");
        JsonNode page1 = body(get("/api/letters/" + r.id() + "/downloads", Map.of("limit", "1"), "protocol"));
        JsonNode page2 = body(get("/api/letters/" + r.id() + "/downloads", Map.of("limit", "1",
                "cursor", page1.get("nextCursor").asText()), "protocol"));
        assertEquals("protocol", page2.get("items").get(0).get("by").get("role").asText());
    }

    @Test
    void aBrowserGetsTheLinkAsJsonAuditedOnceInlineWhenAskedWithTheSameRulesAsTheRedirect() throws Exception {
        String eventId = newEvent();
        Registration r = register(eventId, Category.EXPERT, "Leila", "Berrada", "ليلى برادة", Region.ORIENTAL, true);
        Registration waiting = register(eventId, Category.EXPERT, "Hamid", "Kabbaj", "حميد القباج", null, false);

        APIGatewayV2HTTPResponse answer = get("/api/letters/" + r.id(), Map.of("as", "link"), "protocol");
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        assertTrue(header(answer, "Content-Type").startsWith("application/json"), header(answer, "Content-Type"));
        assertEquals("no-store", header(answer, "Cache-Control"));
        JsonNode link = body(answer);
        String url = link.get("url").asText();
        assertTrue(url.contains("X-Amz-Expires=300") && url.contains("/letters/" + eventId + "/" + r.id() + "/v1.pdf"),
                url);
        Instant expires = Instant.parse(link.get("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now().plusSeconds(240)) && expires.isBefore(Instant.now().plusSeconds(301)),
                expires.toString());
        assertEquals("TEST/BERRADA", link.get("reference").asText());
        assertEquals(1, link.get("version").asInt());
        assertFalse(answer.getBody().contains("@example.ma") || answer.getBody().contains("661234567"), answer.getBody());
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"),
                pdf.headers().toString());

        // to read in the browser: the same letter, shown rather than saved
        JsonNode inline = body(get("/api/letters/" + r.id(), Map.of("as", "link", "disposition", "inline"),
                "organizer"));
        HttpResponse<byte[]> shown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(inline.get("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, shown.statusCode());
        assertTrue(shown.headers().firstValue("Content-Disposition").orElse("").startsWith("inline"),
                shown.headers().toString());
        assertArrayEquals(pdf.body(), shown.body());

        // each link given is one audit entry, whoever asked
        JsonNode downloads = body(get("/api/letters/" + r.id() + "/downloads", Map.of(), "protocol"));
        assertEquals(List.of("organizer", "protocol"), List.of(downloads.get("items").get(0).get("by").get("role")
                .asText(), downloads.get("items").get(1).get("by").get("role").asText()), downloads.toString());
        assertEquals("DOWNLOAD", downloads.get("items").get(1).get("kind").asText());

        // not ready: 409 as for the redirect, nothing recorded; a wrong parameter: 400 before anything is recorded
        APIGatewayV2HTTPResponse notYet = get("/api/letters/" + waiting.id(), Map.of("as", "link"), "protocol");
        assertEquals(409, notYet.getStatusCode(), notYet.getBody());
        assertEquals("application/problem+json", header(notYet, "Content-Type"));
        assertEquals(0, body(get("/api/letters/" + waiting.id() + "/downloads", Map.of(), "protocol"))
                .get("items").size());
        assertEquals(400, get("/api/letters/" + r.id(), Map.of("as", "zip"), "protocol").getStatusCode());
        assertEquals(400, get("/api/letters/" + r.id(), Map.of("as", "link", "disposition", "fax"), "protocol")
                .getStatusCode());
        assertEquals(2, body(get("/api/letters/" + r.id() + "/downloads", Map.of(), "protocol")).get("items").size(),
                "refused requests are not audited");
        assertEquals(404, get("/api/letters/" + UUID.randomUUID(), Map.of("as", "link"), "protocol").getStatusCode());
        assertEquals(403, get("/api/letters/" + r.id(), Map.of("as", "link"), "public").getStatusCode());
        assertEquals(303, get("/api/letters/" + r.id(), Map.of("as", "redirect"), "protocol").getStatusCode(),
                "the redirect is still the default");
    }

    @Test
    void aRegistrationWithoutALetterGets409SayingWhyAndNothingIsAudited() throws Exception {
        String eventId = newEvent();
        Registration waiting = register(eventId, Category.EXPERT, "Salma", "Tazi", "سلمى التازي", null, false);
        APIGatewayV2HTTPResponse notYet = get("/api/letters/" + waiting.id(), Map.of(), "protocol");
        assertEquals(409, notYet.getStatusCode(), notYet.getBody());
        assertEquals("application/problem+json", header(notYet, "Content-Type"));
        assertEquals("letter_not_ready", body(notYet).get("errors").get(0).get("code").asText());

        Registration failed = register(eventId, Category.EXPERT, "Hicham", "Lahlou", "هشام لحلو", null, false);
        registrations.recordLetterFailure(failed.id(), "font missing", Instant.now());
        APIGatewayV2HTTPResponse gaveUp = get("/api/letters/" + failed.id(), Map.of(), "protocol");
        assertEquals(409, gaveUp.getStatusCode(), gaveUp.getBody());
        assertEquals("letter_failed", body(gaveUp).get("errors").get(0).get("code").asText());
        assertTrue(body(gaveUp).get("errors").get(0).get("message").asText().contains("font missing"));

        assertEquals(0, body(get("/api/letters/" + waiting.id() + "/downloads", Map.of(), "protocol"))
                .get("items").size(), "no letter given, nothing recorded");

        APIGatewayV2HTTPResponse unknown = get("/api/letters/" + UUID.randomUUID(), Map.of(), "protocol");
        assertEquals(404, unknown.getStatusCode());
        assertEquals("application/problem+json", header(unknown, "Content-Type"));
        assertEquals(404, get("/api/letters/" + UUID.randomUUID() + "/downloads", Map.of(), "protocol")
                .getStatusCode());
    }

    @Test
    void anExportRequestIsCheckedThenQueuedAndItsStateCanBeRead() throws Exception {
        String eventId = newEvent();
        assertEquals(422, call(request("POST", "/api/letters/exports", Map.of(), "{\"category\":\"EXPERT\"}",
                "protocol")).getStatusCode(), "eventId is required");
        APIGatewayV2HTTPResponse unknownValue = call(request("POST", "/api/letters/exports", Map.of(),
                "{\"eventId\":\"" + eventId + "\",\"category\":\"Astronaute\"}", "protocol"));
        assertEquals(422, unknownValue.getStatusCode(), unknownValue.getBody());
        assertEquals(400, call(request("POST", "/api/letters/exports", Map.of(),
                "{\"eventId\":\"" + eventId + "\",\"colour\":\"red\"}", "protocol")).getStatusCode());
        assertEquals(404, call(request("POST", "/api/letters/exports", Map.of(), "{\"eventId\":\"nope\"}",
                "protocol")).getStatusCode());
        assertEquals(422, call(request("POST", "/api/letters/exports", Map.of(),
                "{\"eventId\":\"" + eventId + "\",\"workshop\":\"ws-quantique\"}", "protocol")).getStatusCode());

        APIGatewayV2HTTPResponse accepted = call(request("POST", "/api/letters/exports", Map.of(),
                "{\"eventId\":\"" + eventId + "\",\"category\":\"خبير\",\"workshop\":\"ws-numerique\"}", "protocol"));
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        String location = header(accepted, "Location");
        JsonNode export = body(accepted);
        assertEquals("/api/letters/exports/" + export.get("id").asText(), location);
        assertEquals("QUEUED", export.get("state").asText());
        assertEquals("EXPERT", export.get("selection").get("category").asText());
        assertEquals("LETTER_READY", export.get("selection").get("status").asText(), "ready letters by default");

        APIGatewayV2HTTPResponse state = get(location, Map.of(), "organizer");
        assertEquals(200, state.getStatusCode(), state.getBody());
        assertEquals("QUEUED", body(state).get("state").asText());
        assertEquals("protocole.tanger", body(state).get("requestedBy").get("userName").asText());
        assertTrue(body(state).path("link").isMissingNode(), "no link before the file is there");
        assertEquals(404, get("/api/letters/exports/" + UUID.randomUUID(), Map.of(), "protocol").getStatusCode());

        // once the function has made it: a five-minute link for the one who asked, none for anybody else
        String id = export.get("id").asText();
        String key = "exports/" + eventId + "/" + id + ".pdf";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/pdf"),
                RequestBody.fromString("%PDF-1.7 bound"));
        exports.start(id, Instant.now());
        exports.ready(id, key, 3, 0, 4, 1, 14, Instant.now());
        JsonNode ready = body(get(location, Map.of(), "protocol"));
        assertEquals("READY", ready.get("state").asText());
        assertEquals(3, ready.get("letters").asInt());
        String link = ready.get("link").asText();
        assertTrue(link.contains("X-Amz-Expires=300") && link.contains(key), link);
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, file.statusCode());
        assertEquals("%PDF-1.7 bound", file.body());
        assertTrue(body(get(location, Map.of(), "organizer")).path("link").isMissingNode(),
                "the letters were handed to the one who asked: nobody else gets them from here");
    }
}
