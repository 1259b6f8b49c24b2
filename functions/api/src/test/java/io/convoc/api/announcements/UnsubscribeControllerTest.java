package io.convoc.api.announcements;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unsubscribe link of announcement e-mails, as a browser, a mail scanner and a mail client's one-click (RFC 8058)
 * reach it: through the local API Gateway (the routes the template declares, no token), to the real handler.
 */
@ExtendWith(LocalCloudExtension.class)
class UnsubscribeControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiHandler handler;
    private static HttpApiGateway gateway;
    private static RegistrationTable registrations;
    private static SuppressionTable suppressions;
    private static LetterTokens tokens;

    @BeforeAll
    static void start(LocalCloud cloud) throws Exception {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        // the key the api is given: the one the e-mail sender signs its links with
        tokens = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        handler = new ApiHandler();
        gateway = HttpApiGateway.start(cloud.template(), "ApiFunction", handler, "127.0.0.1", 0, cloud.identity());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.close();
    }

    private static Registration registration() {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Registration r = new Registration(id, "assises-2024", null, new PersonName("Nadia", "Tazi", "نادية التازي"), "",
                "", Category.EXPERT, "", null, "Nadia.Tazi-" + id + "@Example.ma", null, null, List.of(),
                RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        return r;
    }

    /** The link the e-mail sender puts in an announcement to {@code r} (a year long). */
    private static String link(Registration r) {
        return gateway.url() + "/api/public/unsubscribe/" + tokens.signUnsubscribe(r.id(), r.email(),
                Instant.now().plus(LetterTokens.UNSUBSCRIBE_LIFETIME));
    }

    private static HttpResponse<String> get(String url, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What Gmail, Apple Mail and others send for a one-click unsubscribe (RFC 8058, 3.2). */
    private static HttpResponse<String> oneClick(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean optedOut(Registration r) {
        return suppressions.reasonFor(r.email(), NoticeKind.ANNOUNCEMENT).isPresent();
    }

    @Test
    void aOneClickPostOptsTheAddressOutOfAnnouncementsOnly() throws Exception {
        Registration r = registration();
        HttpResponse<String> response = oneClick(link(r));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"),
                response.headers().toString());
        assertTrue(response.body().contains("vous ne recevrez plus les annonces des organisateurs")
                && response.body().contains("لن تتوصلوا بعد الآن بإعلانات المنظمين"), response.body());
        assertTrue(response.headers().firstValue("Location").isEmpty(), "never a redirect (RFC 8058)");
        assertEquals(Optional.of("unsubscribed from announcements"),
                suppressions.reasonFor(r.email().toLowerCase(), NoticeKind.ANNOUNCEMENT));
        assertEquals(Optional.empty(), suppressions.reasonFor(r.email(), NoticeKind.CONFIRMATION),
                "confirmations and programme changes still go");
        assertEquals(Optional.empty(), suppressions.reasonFor(r.email(), NoticeKind.SCHEDULE_CHANGE));

        assertEquals(200, oneClick(link(r)).statusCode(), "a second click does no harm");
        assertTrue(optedOut(r));
    }

    /** The sample event (events/api/unsubscribe-one-click.json): a mail provider's one-click, as API Gateway passes it. */
    @Test
    void theSampleOneClickEventOptsTheAddressOut() {
        Registration r = registration();
        String token = tokens.signUnsubscribe(r.id(), r.email(), Instant.now().plus(LetterTokens.UNSUBSCRIBE_LIFETIME));
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("unsubscribe-one-click.json");
        assertEquals("List-Unsubscribe=One-Click", event.getBody());
        event.setRawPath(event.getRawPath().replace("REPLACE-WITH-UNSUBSCRIBE-TOKEN", token));
        event.getRequestContext().getHttp().setPath(event.getRawPath());
        event.setPathParameters(java.util.Map.of("proxy", event.getRawPath().substring("/api/".length())));
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(optedOut(r));
    }

    @Test
    void aPostWithAnEmptyBodyOrFromThePagesButtonOptsOutToo() throws Exception {
        Registration r = registration();
        HttpResponse<String> empty = HTTP.send(HttpRequest.newBuilder(URI.create(link(r)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, empty.statusCode(), empty.body());
        assertTrue(optedOut(r));

        Registration other = registration();
        HttpResponse<String> button = HTTP.send(HttpRequest.newBuilder(URI.create(link(other)))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; "
                        + "name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, button.statusCode(), button.body());
        assertTrue(button.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(button.body().contains("<div lang=\"ar\" dir=\"rtl\"") && button.body().contains("C’est fait"),
                button.body());
        assertTrue(optedOut(other));
    }

    @Test
    void followingTheLinkShowsABilingualPageWithAButtonAndOptsNobodyOut() throws Exception {
        Registration r = registration();
        String url = link(r);
        for (String accept : List.of("text/html,application/xhtml+xml,*/*;q=0.8", "*/*")) {
            HttpResponse<String> page = get(url, accept); // a person, or a scanner opening every link of a mail
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
            String html = page.body();
            assertTrue(html.contains("<div lang=\"fr\" dir=\"ltr\"") && html.contains("<div lang=\"ar\" dir=\"rtl\""),
                    html);
            assertTrue(html.contains("<form method=\"post\" action=\"\"")
                    && html.contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"), html);
            assertTrue(html.contains("Me désabonner des annonces") && html.contains("إلغاء الاشتراك في الإعلانات"), html);
            assertFalse(html.contains(r.email()) || html.toLowerCase().contains(r.email().toLowerCase()),
                    "no contact data on the page");
        }
        assertFalse(optedOut(r), "a GET never unsubscribes");
    }

    @Test
    void aTamperedExpiredOrForeignTokenIsA404NamingTheToken() throws Exception {
        Registration r = registration();
        String good = tokens.signUnsubscribe(r.id(), r.email(), Instant.now().plus(Duration.ofDays(30)));
        char last = good.charAt(good.length() - 1);
        List<String> bad = List.of(
                good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A'),
                tokens.signUnsubscribe(r.id(), r.email(), Instant.now().minusSeconds(60)),
                tokens.signUnsubscribe(r.id(), "someone.else@example.ma", Instant.now().plus(Duration.ofDays(30))),
                tokens.signUnsubscribe(UUID.randomUUID().toString(), r.email(), Instant.now().plus(Duration.ofDays(30))),
                new LetterTokens("another-key-of-enough-length").signUnsubscribe(r.id(), r.email(),
                        Instant.now().plus(Duration.ofDays(30))),
                tokens.signCalendar(r.id(), Instant.now().plus(Duration.ofDays(30))),
                "not-a-token");
        for (String token : bad) {
            String url = gateway.url() + "/api/public/unsubscribe/" + token;
            HttpResponse<String> post = oneClick(url);
            assertEquals(404, post.statusCode(), token + ": " + post.body());
            assertTrue(post.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(post.body());
            assertEquals("token", problem.path("errors").path(0).path("field").asText(), post.body());
            assertEquals("Ce lien de désabonnement n’est pas reconnu ou a expiré.", problem.path("detail").asText());
            assertEquals(404, get(url, "text/html").statusCode());
        }
        HttpResponse<String> arabic = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url()
                + "/api/public/unsubscribe/not-a-token")).header("Accept-Language", "ar").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("رابط إلغاء الاشتراك هذا غير معروف أو انتهت صلاحيته.",
                JSON.readTree(arabic.body()).path("detail").asText(), arabic.body());
        assertFalse(optedOut(r));
    }

    /**
     * The stop line of an announcement SMS (a short link to this page, its token signed for the number the SMS went
     * to): the page asks, its button opts the number out of announcements, and only the number.
     */
    @Test
    void theStopLinkOfAnSmsOptsTheNumberOutOfAnnouncements() throws Exception {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        String mobile = "+2126" + (10000000 + (int) (Math.random() * 89999999));
        Registration r = new Registration(id, "assises-2024", null, new PersonName("Nadia", "Tazi", "نادية التازي"), "",
                "", Category.EXPERT, "", null, "nadia-" + id + "@example.ma", mobile, null, List.of(),
                RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        String url = gateway.url() + "/api/public/unsubscribe/" + tokens.signUnsubscribe(id, mobile,
                now.plus(LetterTokens.UNSUBSCRIBE_LIFETIME));

        HttpResponse<String> page = get(url, "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains(mobile), "no contact data on the page");
        assertTrue(suppressions.reasonFor(mobile, NoticeKind.ANNOUNCEMENT).isEmpty(), "a GET never unsubscribes");

        HttpResponse<String> button = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, button.statusCode(), button.body());
        assertEquals(Optional.of("unsubscribed from announcements"),
                suppressions.reasonFor(mobile, NoticeKind.ANNOUNCEMENT));
        assertEquals(Optional.empty(), suppressions.reasonFor(mobile, NoticeKind.CONFIRMATION));
        assertFalse(optedOut(r), "the number's link opts out the number, not the e-mail address");

        // a token for another number of the same registration is not recognised
        assertEquals(404, oneClick(gateway.url() + "/api/public/unsubscribe/" + tokens.signUnsubscribe(id,
                "+212699999999", now.plus(LetterTokens.UNSUBSCRIBE_LIFETIME))).statusCode());
    }
}
