package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an organizer does through the local run's HTTP API, for the tests that run it on other clouds. */
final class Flows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalRun run;

    Flows(LocalRun run) {
        this.run = run;
    }

    private HttpRequest.Builder organizer(String path) {
        try {
            return HttpRequest.newBuilder(URI.create(run.gateway().url() + path))
                    .header("Authorization", "Bearer " + run.token("organizer"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(organizer(path).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A POST with {@code json} as its body, or none when null. */
    HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest.Builder request = json == null ? organizer(path).POST(HttpRequest.BodyPublishers.noBody())
                : organizer(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers someone to the sample event's digital workshop; returns the registration's id. */
    String register(String lastName, String email, String mobile) throws Exception {
        HttpResponse<String> created = post("/api/registrations", "{\"eventId\":\"assises-2024\",\"lastName\":\""
                + lastName + "\",\"firstName\":\"Salma\",\"arabicName\":\"سلمى\",\"category\":\"EXPERT\",\"email\":\""
                + email + "\",\"mobile\":\"" + mobile + "\",\"workshops\":[\"ws-numerique\"]}");
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).path("id").asText();
    }

    /** Polls a registration until {@code condition} holds. */
    JsonNode awaitRegistration(String id, Predicate<JsonNode> condition, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode r = get("/api/registrations/" + id);
            if (condition.test(r)) {
                return r;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("registration " + id + " did not reach the expected state: " + r);
            }
            Thread.sleep(250);
        }
    }

    /** Whether the registration has notices on {@code channel} (EMAIL, SMS: one per language) and all are at {@code status}. */
    static boolean all(JsonNode registration, String channel, String status) {
        int found = 0;
        for (JsonNode n : registration.path("notifications")) {
            if (n.path("channel").asText().equals(channel)) {
                if (!n.path("status").asText().equals(status)) {
                    return false;
                }
                found++;
            }
        }
        return found > 0;
    }

    /** A Moroccan mobile number (066x: a range libphonenumber knows) unique to this run, national form. */
    static String uniqueMobile() {
        return String.format("0661%06d", Math.floorMod(Long.hashCode(System.nanoTime()), 1_000_000));
    }

    static String e164(String moroccanMobile) {
        return "+212" + moroccanMobile.substring(1);
    }
}
