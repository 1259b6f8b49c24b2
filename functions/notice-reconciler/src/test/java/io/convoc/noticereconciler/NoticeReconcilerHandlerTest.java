package io.convoc.noticereconciler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.s3.S3LetterArchive;
import io.convoc.core.letters.LetterService;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.NoticeReconciler;
import io.convoc.core.notifications.Notification;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled reconciler, called directly (the local run does not drive EventBridge schedules), against the
 * emulators: each kind of expired lease found through the sparse index and taken back; a requeued notice is then
 * sent once by the real e-mail sender.
 */
@ExtendWith(LocalCloudExtension.class)
class NoticeReconcilerHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static NotificationTable notifications;
    private static S3LetterArchive letters;
    private static NoticeReconcilerHandler handler;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        System.setProperty("NOTICE_RETRY_BASE_SECONDS", "0");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        letters = new S3LetterArchive(cloud.s3(), cloud.bucketName("LettersBucket"));
        cloud.startFunctions(List.of("EmailSenderFunction"));
        handler = new NoticeReconcilerHandler();
    }

    @AfterAll
    static void stop() {
        if (handler != null) {
            handler.close();
        }
    }

    private static Notification queuedConfirmation() {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Registration r = new Registration(id, "assises-2024", Civility.MONSIEUR,
                new PersonName("Karim", "Alaoui", "كريم العلوي"), "Expert", "خبير", Category.EXPERT, "Université",
                null, "karim-" + id + "@example.ma", null, LanguagePreference.BOTH_AR_FIRST, List.of("ws-numerique"),
                RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        byte[] pdf = ("%PDF-1.7\n% lettre " + id + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        String key = "letters/assises-2024/" + id + "/v1.pdf";
        letters.store(key, pdf, LetterService.sha256(pdf));
        registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0043", key, LetterService.sha256(pdf), now), now);
        Notification n = Notification.queued(id, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null,
                r.email(), now);
        notifications.create(n);
        return n;
    }

    /** A notice claimed two minutes ago (lease of one minute, so run out), by an attempt that then died. */
    private static Instant claimedAndDied(Notification n) {
        Instant claimed = Instant.now().minusSeconds(120);
        Instant lease = claimed.plusSeconds(60);
        assertTrue(notifications.claim(n.registrationId(), n.id(), lease, claimed));
        return lease;
    }

    private static Notification stored(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    private static Notification await(Notification n, DeliveryStatus status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        Notification current = null;
        while (Instant.now().isBefore(deadline)) {
            current = stored(n);
            if (current.status() == status) {
                return current;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("notice did not reach " + status + ": " + current);
    }

    private static int mailsTo(String address) throws Exception {
        JsonNode store = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.sesEmulator() + "/store")).build(), HttpResponse.BodyHandlers.ofString()).body());
        int count = 0;
        for (JsonNode m : store.path("emails")) {
            if (m.path("destination").path("to").toString().contains(address)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void takesBackEveryKindOfExpiredLeaseAndLeavesRunningOnesAlone() throws Exception {
        // 1. died before the provider call: back to QUEUED, queued again, then sent once by the e-mail sender
        Notification neverCalled = queuedConfirmation();
        claimedAndDied(neverCalled);
        // 2. died during the provider call, no answer recorded: UNKNOWN
        Notification lostAnswer = queuedConfirmation();
        Instant lease2 = claimedAndDied(lostAnswer);
        assertTrue(notifications.handOver(lostAnswer.registrationId(), lostAnswer.id(), lease2, Instant.now()));
        // 3. died after the provider's id was written, before the status: SENT, nothing sent
        Notification accepted = queuedConfirmation();
        Instant lease3 = claimedAndDied(accepted);
        assertTrue(notifications.handOver(accepted.registrationId(), accepted.id(), lease3, Instant.now()));
        assertTrue(notifications.recordAccepted(accepted.registrationId(), accepted.id(), "ses-accepted-1", 1,
                Instant.now()));
        // 4. a lease still running: its holder is at work
        Notification running = queuedConfirmation();
        assertTrue(notifications.claim(running.registrationId(), running.id(), Instant.now().plusSeconds(600),
                Instant.now()));

        // the schedule's event as events/ keeps it
        NoticeReconciler.Report[] report = new NoticeReconciler.Report[1];
        java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = io.convoc.localcloud.LogLines.of(() ->
                report[0] = handler.execute(com.amazonaws.services.lambda.runtime.tests.EventLoader
                        .loadScheduledEvent(SampleData.file("scheduled/every-minute.json").toString())));
        assertEquals(new NoticeReconciler.Report(1, 1, 1, 0), report[0]);
        // what the template's UnknownNotices metric filter adds up: { $.unknownNotices > 0 }, value $.unknownNotices
        com.fasterxml.jackson.databind.JsonNode unknown = lines.stream().filter(l -> l.has("unknownNotices"))
                .findFirst().orElseThrow(() -> new AssertionError("no unknownNotices line: " + lines));
        assertTrue(unknown.get("unknownNotices").isNumber(), unknown.toString());
        assertEquals(1, unknown.get("unknownNotices").asInt());
        assertEquals("WARN", unknown.get("level").asText());

        assertEquals(DeliveryStatus.UNKNOWN, stored(lostAnswer).status());
        assertTrue(stored(lostAnswer).statusReason().contains("sent or not"), stored(lostAnswer).statusReason());
        assertNull(stored(lostAnswer).leaseUntil());
        Notification sent = stored(accepted);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("ses-accepted-1", sent.providerMessageId());
        assertEquals(DeliveryStatus.SENDING, stored(running).status());

        Notification delivered = await(neverCalled, DeliveryStatus.SENT);
        assertEquals(2, delivered.attempts());
        assertEquals(1, mailsTo(neverCalled.destination()));
        assertEquals(0, mailsTo(lostAnswer.destination()));
        assertEquals(0, mailsTo(accepted.destination()));
        assertEquals(0, mailsTo(running.destination()));

        // nothing left for the next run but the running lease, which is not expired yet
        assertEquals(new NoticeReconciler.Report(0, 0, 0, 0), handler.execute(new ScheduledEvent()));
    }
}
