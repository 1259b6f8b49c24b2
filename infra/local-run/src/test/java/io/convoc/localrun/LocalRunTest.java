package io.convoc.localrun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job, as a new user runs it: the local cloud with the sample data, answering on HTTP. */
class LocalRunTest {
    private static LocalRun run;
    private static String output;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = LocalRun.start(new LocalRun.Options(0, null, true), new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        run.close();
    }

    @Test
    void loadsTheSampleEventAndInviteesAndSaysWhereEverythingIs() {
        assertTrue(output.contains("Loaded event assises-2024"), output);
        assertTrue(output.contains("HTTP 200"), output);
        assertTrue(output.contains("\"created\":3"), output);
        assertTrue(output.contains(run.gateway().url() + "/api/registrations"), output);
    }

    /**
     * The whole workflow as the README's local run shows it: the sample invitees get their letter, a
     * confirmation e-mail in the local inbox and SMS in the sink, and the notices end DELIVERED / SENT.
     */
    @Test
    void theSampleInviteesGetTheirLettersEmailsAndSms() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> invitees = new java.util.ArrayList<>();
        json.readTree(http.send(HttpRequest.newBuilder(URI.create(run.gateway().url()
                        + "/api/registrations?eventId=assises-2024")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("items").forEach(invitees::add);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        for (com.fasterxml.jackson.databind.JsonNode invitee : invitees) {
            if (!invitee.path("email").asText().endsWith("@example.ma") && !invitee.path("email").asText().endsWith(".fr")) {
                continue;
            }
            String id = invitee.path("id").asText();
            com.fasterxml.jackson.databind.JsonNode registration;
            while (true) {
                registration = json.readTree(http.send(HttpRequest.newBuilder(URI.create(run.gateway().url()
                        + "/api/registrations/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
                boolean emailDelivered = false;
                boolean smsDone = invitee.path("mobile").isNull() || invitee.path("mobile").isMissingNode();
                for (com.fasterxml.jackson.databind.JsonNode n : registration.path("notifications")) {
                    emailDelivered |= n.path("channel").asText().equals("EMAIL") && n.path("status").asText().equals("DELIVERED");
                    smsDone |= n.path("channel").asText().equals("SMS") && n.path("status").asText().equals("SENT");
                }
                if (registration.path("status").asText().equals("LETTER_READY") && emailDelivered && smsDone) {
                    break;
                }
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new AssertionError("not all notices went out: " + registration);
                }
                Thread.sleep(200);
            }
        }
        String inbox = http.send(HttpRequest.newBuilder(URI.create(run.cloud().sesEmulator() + "/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(inbox.contains("omar.benjelloun@example.ma") && inbox.contains("jean.dupont@example.fr"), inbox);
        assertTrue(run.cloud().sms().messagesTo("+212612345678").size() >= 1, "SMS to the first sample invitee");

        // the PDF each invitee received is, byte for byte, the letter the protocol office has in S3
        com.fasterxml.jackson.databind.JsonNode store = json.readTree(inbox);
        for (com.fasterxml.jackson.databind.JsonNode invitee : invitees) {
            String key = json.readTree(http.send(HttpRequest.newBuilder(URI.create(run.gateway().url()
                    + "/api/registrations/" + invitee.path("id").asText())).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("letter").path("reference").asText();
            byte[] stored = run.cloud().s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                    .key("letters/assises-2024/" + invitee.path("id").asText() + "/v1.pdf")).asByteArray();
            boolean found = false;
            for (com.fasterxml.jackson.databind.JsonNode mail : store.path("emails")) {
                if (mail.path("destination").path("to").toString().contains(invitee.path("email").asText())) {
                    byte[] attached = java.util.Base64.getDecoder().decode(
                            mail.path("attachments").get(0).path("content").asText());
                    assertTrue(java.util.Arrays.equals(stored, attached), "letter of " + key);
                    found = true;
                }
            }
            assertTrue(found, "a mail to " + invitee.path("email").asText());
        }
    }

    @Test
    void servesTheApiOverHttpAsApiGatewayWould() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(run.gateway().url() + "/api/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"assises-2024\",\"lastName\":\"Alaoui\","
                        + "\"firstName\":\"Karim\",\"category\":\"EXPERT\",\"email\":\"karim@example.ma\","
                        + "\"mobile\":\"0612345678\",\"workshops\":[\"ws-numerique\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElseThrow().startsWith("/api/registrations/"));

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(run.gateway().url()
                + "/api/registrations?eventId=assises-2024&workshop=ws-numerique")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("Alaoui") && list.body().contains("Benjelloun"), list.body());

        HttpResponse<String> nowhere = http.send(HttpRequest.newBuilder(URI.create(run.gateway().url() + "/nowhere"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nowhere.statusCode());
    }
}
