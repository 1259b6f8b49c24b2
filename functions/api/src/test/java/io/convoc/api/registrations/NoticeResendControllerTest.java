package io.convoc.api.registrations;

import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An organizer sends again, through the local API Gateway, a notice whose fate is unknown or that failed. */
@ExtendWith(LocalCloudExtension.class)
class NoticeResendControllerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiHandler handler;
    private static HttpApiGateway gateway;
    private static NotificationTable notices;
    private static LocalCloud cloud;
    private static String token;

    @BeforeAll
    static void start(LocalCloud localCloud) throws Exception {
        cloud = localCloud;
        notices = new NotificationTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.dynamo(), cloud.tableName("NotificationsTable"));
        handler = new ApiHandler();
        gateway = HttpApiGateway.start(cloud.template(), "ApiFunction", handler, "127.0.0.1", 0, cloud.identity());
        token = cloud.identity().token("organisateur.dgct", List.of("organizer"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.close();
    }

    private static Notification notice(String registrationId, DeliveryStatus status) {
        Instant at = Instant.now();
        Notification q = Notification.queued(registrationId, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1,
                null, "nadia@example.ma", at);
        Notification n = new Notification(q.id(), registrationId, q.eventId(), q.kind(), q.channel(), 1, null,
                q.destination(), status, status == DeliveryStatus.UNKNOWN ? "no answer after the hand-over" : null,
                null, null, 1, 1, at, at);
        notices.create(n);
        return n;
    }

    private static HttpResponse<String> resend(String registrationId, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/registrations/" + registrationId
                        + "/resend")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownNoticeSentAgainIsQueuedAndOnItsQueue() throws Exception {
        String registration = UUID.randomUUID().toString();
        Notification n = notice(registration, DeliveryStatus.UNKNOWN);
        HttpResponse<String> r = resend(registration, "{\"notice\":\"" + n.id() + "\"}");
        assertEquals(202, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"status\":\"QUEUED\""), r.body());
        assertTrue(r.body().contains("resent by organisateur.dgct"), r.body());
        String queue = cloud.queueUrl("EmailQueue");
        boolean onQueue = false;
        for (int i = 0; i < 20 && !onQueue; i++) {
            onQueue = cloud.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().stream().anyMatch(m -> m.body().contains(n.id()));
        }
        assertTrue(onQueue, "the notice's message is on the e-mail queue");
    }

    @Test
    void aDeliveredNoticeIsNotSentAgainAndTheAnswerSaysWhy() throws Exception {
        String registration = UUID.randomUUID().toString();
        Notification n = notice(registration, DeliveryStatus.DELIVERED);
        HttpResponse<String> r = resend(registration, "{\"notice\":\"" + n.id() + "\"}");
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"field\":\"notice\"") && r.body().contains("not_resendable"), r.body());
        assertEquals(DeliveryStatus.DELIVERED, notices.find(registration, n.id()).orElseThrow().status());
    }

    @Test
    void aNoticeTheRegistrationDoesNotHaveOrABadBodyIsNamed() throws Exception {
        String registration = UUID.randomUUID().toString();
        HttpResponse<String> unknown = resend(registration, "{\"notice\":\"CONFIRMATION#EMAIL#v1#" + registration + "\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("unknown_notice"), unknown.body());
        HttpResponse<String> missing = resend(registration, "{\"other\":1}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("\"field\":\"other\""), missing.body());
        assertEquals(400, resend(registration, "{}").statusCode());
    }
}
