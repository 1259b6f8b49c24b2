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
