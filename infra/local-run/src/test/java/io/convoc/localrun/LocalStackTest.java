package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.convoc.localcloud.Attach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local run on LocalStack ({@code infra/run-local --target localstack}), in a container: the same functions and
 * local Lambda, every AWS API LocalStack's. Needs a Docker engine (the class is skipped without one) and a LocalStack
 * auth token in {@code LOCALSTACK_AUTH_TOKEN} (its image exits with code 55 without one; skipped then too).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTest {
    /**
     * Pinned: LocalStack's behaviour (inboxes, SES v2, DynamoDB Streams) changes between versions. The first release
     * of the single image that needs the token: the 4.x community images have SES v1 only, and every mail convoc sends
     * goes through SES v2.
     */
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:2026.03.0");
    private static LocalStackContainer localStack;
    private static LocalRun run;
    private static String output;

    @BeforeAll
    static void start() throws Exception {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        // checked before the container starts: without a token it would only exit with code 55
        assumeTrue(token != null && !token.isBlank(),
                "LOCALSTACK_AUTH_TOKEN is not set: LocalStack's image needs an auth token to start");
        // every service loaded as it is first called (LocalStack's default): none is left out by a list here
        localStack = new LocalStackContainer(IMAGE).withEnv("LOCALSTACK_AUTH_TOKEN", token);
        localStack.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = LocalRun.start(new LocalRun.Options(0, null, true).on(Attach.localStack(localStack.getEndpoint())),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
        if (localStack != null) {
            localStack.stop();
        }
    }

    @Test
    void theBannerNamesLocalStackAndWhatItLacks() {
        assertTrue(output.contains("convoc local cloud is running on LocalStack " + localStack.getEndpoint()), output);
        assertTrue(output.contains("\"created\":3"), "the sample invitees: " + output);
        assertTrue(output.contains("SES delivery events") && output.contains("fault injection"), output);
    }

    /** Registration → letter in LocalStack's S3 → confirmation in its SES inbox → SMS in its SMS list. */
    @Test
    void aRegistrationsLetterMailAndSmsLandInLocalStack() throws Exception {
        Flows flows = new Flows(run);
        String email = "salma." + Long.toString(System.nanoTime(), 36) + "@example.ma";
        String mobile = Flows.uniqueMobile();
        String id = flows.register("Berrada", email, mobile);
        flows.awaitRegistration(id, r -> r.path("status").asText().equals("LETTER_READY")
                && Flows.all(r, "EMAIL", "SENT") && Flows.all(r, "SMS", "SENT"),
                Duration.ofSeconds(120));
        byte[] letter = run.cloud().s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                .key("letters/assises-2024/" + id + "/v1.pdf")).asByteArray();
        assertEquals("%PDF", new String(letter, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(1, run.cloud().sent().mailsTo(email).size(), "in LocalStack's /_aws/ses: "
                + run.cloud().sent().mails());
        // registered in both languages: one SMS in French, one in Arabic
        assertEquals(2, run.cloud().sent().smsTo(Flows.e164(mobile)).size(), "in LocalStack's SMS list: "
                + run.cloud().sent().sms());
    }

    /** The sample announcement reaches the sample invitees by e-mail through LocalStack's SES. */
    @Test
    void anAnnouncementReachesTheSampleInvitees() throws Exception {
        Flows flows = new Flows(run);
        HttpResponse<String> created = flows.post("/api/announcements",
                io.convoc.localcloud.SampleData.text("data/announcement-welcome.json"));
        assertEquals(201, created.statusCode(), created.body());
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("id").asText();
        HttpResponse<String> sent = flows.post("/api/announcements/" + id + "/send", null);
        assertEquals(202, sent.statusCode(), sent.body());
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode announcement = flows.get("/api/announcements/" + id);
        while (!announcement.path("state").asText().equals("SENT")) {
            assertFalse(Instant.now().isAfter(deadline), "announcement not SENT: " + announcement);
            Thread.sleep(500);
            announcement = flows.get("/api/announcements/" + id);
        }
        for (String invitee : List.of("omar.benjelloun@example.ma", "jean.dupont@example.fr")) {
            // the confirmation and the announcement
            assertTrue(run.cloud().sent().mailsTo(invitee).size() >= 2, invitee + ": " + run.cloud().sent().mails());
        }
    }
}
