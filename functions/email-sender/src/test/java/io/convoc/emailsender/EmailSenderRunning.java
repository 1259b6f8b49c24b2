package io.convoc.emailsender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.localcloud.LocalCloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the e-mail sender on its queue once per test JVM, however many test classes need it: the local cloud is one
 * per JVM, and two sets of pollers on one queue would take each other's messages (a duplicate met mid-retry ends the
 * other's message), which a test of retries must not see. And how the tests talk to it: queue a notice, wait for a
 * status, read the mails SES received.
 */
final class EmailSenderRunning {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean started;

    private EmailSenderRunning() {
    }

    static synchronized void ensureStarted(LocalCloud cloud) {
        if (!started) {
            cloud.startFunctions(List.of("EmailSenderFunction"));
            started = true;
        }
    }

    /** The message the e-mail queue carries for {@code n}, as the producers send it. */
    static void enqueue(LocalCloud cloud, Notification n) {
        cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("EmailQueue")).messageBody(
                "{\"registrationId\":\"" + n.registrationId() + "\",\"notificationId\":\"" + n.id() + "\"}"));
    }

    /** Waits (40 s at most) until the notice is in {@code status}. */
    static Notification await(NotificationRepository notifications, Notification n, DeliveryStatus status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        Notification current = null;
        while (Instant.now().isBefore(deadline)) {
            current = notifications.find(n.registrationId(), n.id()).orElseThrow();
            if (current.status() == status) {
                return current;
            }
            sleep(100);
        }
        throw new AssertionError("notice did not reach " + status + ": " + current);
    }

    /** The mails the SES emulator holds for {@code address}. */
    static List<JsonNode> mailsTo(LocalCloud cloud, String address) throws Exception {
        JsonNode store = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.sesEmulator() + "/store")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> out = new ArrayList<>();
        store.path("emails").forEach(m -> {
            if (m.path("destination").path("to").toString().contains(address)) {
                out.add(m);
            }
        });
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
