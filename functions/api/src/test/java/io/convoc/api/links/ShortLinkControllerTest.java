package io.convoc.api.links;

import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.ShortLinkTable;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /l/{code}} through the local API Gateway, with no token, as a phone opens the link of an SMS. */
@ExtendWith(LocalCloudExtension.class)
class ShortLinkControllerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LetterTokens TOKENS;
    private static ApiHandler handler;
    private static HttpApiGateway gateway;
    private static RegistrationTable registrations;
    private static ShortLinkTable links;

    @BeforeAll
    static void start(LocalCloud cloud) throws Exception {
        TOKENS = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        links = new ShortLinkTable(cloud.dynamo(), cloud.tableName("ShortLinksTable"));
        handler = new ApiHandler();
        gateway = HttpApiGateway.start(cloud.template(), "ApiFunction", handler, "127.0.0.1", 0, cloud.identity());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.close();
    }

    private static HttpResponse<String> get(String pathOrUrl, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl
                : gateway.url() + pathOrUrl));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A registration whose letter v1 is ready, and the signed link to it an SMS would point to, through the gateway. */
    private static URI signedLetterLink(Instant expires) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        registrations.create(new Registration(id, "assises-2024", null, new PersonName("Nadia", "Tazi", "نادية التازي"),
                "", "", Category.EXPERT, "", null, id + "@example.ma", "+212661000001", null, List.of(),
                RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now));
        registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0001", "letters/assises-2024/" + id + "/v1.pdf",
                "00", now), now);
        return URI.create(gateway.url() + "/api/public/letters/" + TOKENS.signDownload(id, 1, expires));
    }

    @Test
    void aShortLinkRedirectsToItsSignedLetterLinkUncachedAndWithoutReferrer() throws Exception {
        Instant expires = Instant.now().plusSeconds(3600);
        URI target = signedLetterLink(expires);
        String code = links.shorten(target, expires);

        HttpResponse<String> r = get("/l/" + code, null);
        assertEquals(302, r.statusCode(), r.body());
        assertEquals(target.toString(), r.headers().firstValue("Location").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
        // and the signed link it names answers as the e-mailed one does: 303 to a short-lived S3 link to the letter
        HttpResponse<String> letter = get(r.headers().firstValue("Location").orElseThrow(), null);
        assertEquals(303, letter.statusCode(), letter.body());
        assertTrue(letter.headers().firstValue("Location").orElseThrow().contains("/v1.pdf"), letter.headers().toString());
    }

    @Test
    void anUnknownCodeIsA404ProblemInTheReadersLanguage() throws Exception {
        for (String code : List.of("Zz9Zz9Zz", "abc", "abcdefghijk", "abcd%25fgh")) {
            HttpResponse<String> fr = get("/l/" + code, null);
            assertEquals(404, fr.statusCode(), code + ": " + fr.body());
            assertEquals("application/problem+json", fr.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(fr.body().contains("\"title\":\"Lien inconnu ou expiré\"")
                    && fr.body().contains("https://convoc.io/problems/unknown_link"), fr.body());
            assertTrue(fr.headers().firstValue("Location").isEmpty());
        }
        HttpResponse<String> ar = get("/l/Zz9Zz9Zz", "ar");
        assertEquals(404, ar.statusCode());
        assertTrue(ar.body().contains("رابط غير معروف أو منتهي الصلاحية")
                && ar.body().contains("هذا الرابط غير موجود أو انتهت صلاحيته"), ar.body());
    }

    @Test
    void anExpiredShortLinkIsA404() throws Exception {
        Instant expired = Instant.now().minusSeconds(1);
        String code = links.shorten(signedLetterLink(expired), expired);
        HttpResponse<String> r = get("/l/" + code, null);
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("unknown_link"), r.body());
    }
}
