package io.convoc.emailsender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeChangeTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.aws.s3.S3LetterArchive;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.letters.LetterService;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.FaultInjector;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The e-mail queue consumed by the real handler, sending through the SES emulator (with faults injected). */
@ExtendWith(LocalCloudExtension.class)
class EmailSenderHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static NotificationTable notifications;
    private static SuppressionTable suppressions;
    private static S3LetterArchive letters;
    private static ProgrammeChangeTable changes;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        // retries come after the (local) queue's 1 s visibility timeout instead of a growing delay
        System.setProperty("NOTICE_RETRY_BASE_SECONDS", "0");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        letters = new S3LetterArchive(cloud.s3(), cloud.bucketName("LettersBucket"));
        changes = new ProgrammeChangeTable(cloud.dynamo(), cloud.tableName("EventsTable"));
        EmailSenderRunning.ensureStarted(cloud);
    }

    @AfterEach
    void noMoreFaults() {
        cloud.sesFaults().failNext(0, null);
    }

    /** A registration whose letter is ready, and its queued confirmation e-mail. */
    private static Notification queuedConfirmation(byte[] pdf) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Registration r = new Registration(id, "assises-2024", Civility.MADAME,
                new PersonName("Nadia", "Fassi", "نادية الفاسي"), "Experte", "خبيرة", Category.EXPERT, "Université",
                null, "nadia-" + id + "@example.ma", null, LanguagePreference.BOTH_AR_FIRST, List.of("ws-numerique"),
                RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        String key = "letters/assises-2024/" + id + "/v1.pdf";
        letters.store(key, pdf, LetterService.sha256(pdf));
        registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0042", key, LetterService.sha256(pdf), now), now);
        Notification n = Notification.queued(id, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null, r.email(),
                now);
        notifications.create(n);
        return n;
    }

    private static byte[] pdf() {
        return ("%PDF-1.7\n% lettre d'invitation " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Waits until the e-mail queue holds no message, visible or in flight: every message sent was handled. */
    private static void awaitQueueDrained() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        Map<QueueAttributeName, String> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = cloud.sqs().getQueueAttributes(b -> b.queueUrl(cloud.queueUrl("EmailQueue")).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            if (counts.values().stream().allMatch("0"::equals)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the e-mail queue was not drained: " + counts);
    }

    private static void enqueue(Notification n) {
        EmailSenderRunning.enqueue(cloud, n);
    }

    private static Notification await(Notification n, DeliveryStatus status) {
        return EmailSenderRunning.await(notifications, n, status);
    }

    private static List<JsonNode> mailsTo(String address) throws Exception {
        return EmailSenderRunning.mailsTo(cloud, address);
    }

    private static void sleep(long ms) {
        EmailSenderRunning.sleep(ms);
    }

    @Test
    void sendsTheConfirmationInBothLanguagesWithTheLetterAttachedByteForByte() throws Exception {
        byte[] pdf = pdf();
        Notification n = queuedConfirmation(pdf);
        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        assertTrue(sent.providerMessageId() != null && !sent.providerMessageId().isBlank());

        List<JsonNode> mails = mailsTo(n.destination());
        assertEquals(1, mails.size());
        JsonNode mail = mails.get(0);
        String subject = mail.path("subject").asText();
        assertTrue(subject.contains("تأكيد") && subject.contains("Confirmation"), subject);
        assertTrue(subject.indexOf("تأكيد") < subject.indexOf("Confirmation"), "Arabic first, as preferred: " + subject);
        String html = mail.path("body").path("html").asText();
        assertTrue(html.contains("lang=\"ar\"") && html.contains("dir=\"rtl\""), html);
        assertTrue(html.contains("lang=\"fr\"") && html.contains("dir=\"ltr\""), html);
        assertTrue(mail.path("body").path("text").asText().contains("نادية الفاسي"));
        assertArrayEquals(pdf, attachment(mail, "application/pdf"));
        String calendar = new String(attachment(mail, "text/calendar"), StandardCharsets.UTF_8);
        assertTrue(calendar.contains("\r\nMETHOD:PUBLISH\r\n"), calendar);
        assertTrue(calendar.contains("\r\nUID:" + n.registrationId() + ".ws-numerique@"), calendar);
    }

    /**
     * The sample event as {@code sam local invoke} sends it, its registration id re-keyed to this test's registration,
     * through the handler: the notice id it names is the one stored, and the mail reaches the SES emulator.
     */
    @Test
    void theSampleEventSendsItsEmail() throws Exception {
        Notification n = queuedConfirmation(pdf());
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/email-notice.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        String sampleRegistration = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertTrue(message.getBody().contains("\"notificationId\": \""
                + Notification.idOf(sampleRegistration, NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null) + "\""),
                "the sample names a notice id in the current format: " + message.getBody());
        message.setBody(message.getBody().replace(sampleRegistration, n.registrationId()));
        EmailSenderHandler handler = new EmailSenderHandler();
        List<JsonNode> metrics;
        try {
            metrics = io.convoc.localcloud.EmfLines.of(() -> {
                SQSBatchResponse response = handler.handleRequest(event, new LocalContext("EmailSenderFunction", 1024, 30));
                assertTrue(response.getBatchItemFailures().isEmpty(), response.toString());
                return response;
            });
        } finally {
            handler.close();
        }
        Notification sent = notifications.find(n.registrationId(), n.id()).orElseThrow();
        assertEquals(DeliveryStatus.SENT, sent.status(), sent.toString());
        // and CloudWatch counts it, from the function's log (Embedded Metric Format)
        assertEquals(1.0, io.convoc.localcloud.EmfLines.sum(metrics, "NoticeOutcomes",
                java.util.Map.of("Channel", "EMAIL", "Kind", "CONFIRMATION", "Outcome", "SENT")), metrics.toString());
        List<JsonNode> mails = mailsTo(n.destination());
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).path("subject").asText().contains("Confirmation"), mails.get(0).toString());
    }

    @Test
    void sendsAScheduleChangeWithWhatChangedAndTheUpdatedCalendar() throws Exception {
        byte[] pdf = pdf();
        Notification confirmation = queuedConfirmation(pdf);
        int number = recordedChange("ws-numerique");
        Notification n = Notification.queued(confirmation.registrationId(), "assises-2024", NoticeKind.SCHEDULE_CHANGE,
                Channel.EMAIL, number, null, confirmation.destination(), Instant.now());
        notifications.create(n);
        enqueue(n);
        await(n, DeliveryStatus.SENT);

        JsonNode mail = mailsTo(n.destination()).get(0);
        String subject = mail.path("subject").asText();
        assertTrue(subject.startsWith("تغيير في البرنامج") && subject.contains("| Changement de programme"), subject);
        String text = mail.path("body").path("text").asText();
        assertTrue(text.contains("Désormais\u00a0: Salle 4") && text.contains("بعد التعديل: القاعة 4"), text);
        assertArrayEquals(pdf, attachment(mail, "application/pdf"));
        String calendar = new String(attachment(mail, "text/calendar"), StandardCharsets.UTF_8);
        assertTrue(calendar.contains("\r\nUID:" + n.registrationId() + ".ws-numerique@"), calendar);
    }

    @Test
    void sendsAnAlreadyRegisteredNoticeWithTheCurrentLetterAndNoWordOfANewRegistration() throws Exception {
        byte[] pdf = pdf();
        Notification confirmation = queuedConfirmation(pdf);
        // queued as the registration form queues it: one a day, its content version the day the form was used
        int day = (int) LocalDate.now(ZoneOffset.UTC).toEpochDay();
        Notification n = Notification.queued(confirmation.registrationId(), "assises-2024", NoticeKind.ALREADY_REGISTERED,
                Channel.EMAIL, day, null, confirmation.destination(), Instant.now());
        notifications.create(n);
        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        assertTrue(sent.providerMessageId() != null && !sent.providerMessageId().isBlank());

        List<JsonNode> mails = mailsTo(n.destination());
        assertEquals(1, mails.size());
        JsonNode mail = mails.get(0);
        String subject = mail.path("subject").asText();
        assertTrue(subject.startsWith("سبق تسجيلكم") && subject.contains("| Inscription déjà enregistrée"), subject);
        String text = mail.path("body").path("text").asText();
        assertTrue(text.contains("Vous êtes déjà inscrit(e)") && text.contains("سبق تسجيلكم"), text);
        assertTrue(text.contains("vous pouvez ignorer ce message") && text.contains("يمكنكم تجاهل هذه الرسالة"), text);
        assertFalse(subject.contains("Confirmation") || text.contains("Confirmation d’inscription")
                || text.contains("تأكيد التسجيل"), text);
        assertArrayEquals(pdf, attachment(mail, "application/pdf"));
        String calendar = new String(attachment(mail, "text/calendar"), StandardCharsets.UTF_8);
        assertTrue(calendar.contains("\r\nMETHOD:PUBLISH\r\n"), calendar);
        assertTrue(calendar.contains("\r\nUID:" + n.registrationId() + ".ws-numerique@"), calendar);
    }

    @Test
    void aScheduleChangeThatIsNotRecordedFailsAtOnceAndSaysWhy() throws Exception {
        Notification confirmation = queuedConfirmation(pdf());
        Notification n = Notification.queued(confirmation.registrationId(), "assises-2024", NoticeKind.SCHEDULE_CHANGE,
                Channel.EMAIL, 999_999, null, confirmation.destination(), Instant.now());
        notifications.create(n);
        enqueue(n);
        Notification failed = await(n, DeliveryStatus.FAILED);
        assertTrue(failed.statusReason().startsWith("unknown_change: "), failed.statusReason());
        assertEquals(0, mailsTo(n.destination()).size());
    }

    /** A programme change recorded as the on-programme-change function records it: the session moved to Salle 4. */
    private static int recordedChange(String sessionId) {
        ProgrammeSession before = SampleData.assises().session(sessionId).orElseThrow();
        ProgrammeSession after = new ProgrammeSession(before.id(), before.kind(), before.title(), before.start(),
                before.end(), Bilingual.of("Salle 4", "القاعة 4"), before.status(), before.version() + 1);
        Instant at = Instant.now();
        int number = changes.nextChangeNumber("assises-2024");
        changes.recordEdit("assises-2024", sessionId, before, after.version(), at);
        assertTrue(changes.close(new ProgrammeChange("assises-2024", number, sessionId, before, after, after.version(),
                at, at, null)));
        return number;
    }

    /** The decoded content of the mail's first attachment of this type (the emulator lists every non-body part). */
    private static byte[] attachment(JsonNode mail, String contentType) {
        for (JsonNode attachment : mail.path("attachments")) {
            if (attachment.path("contentType").asText().startsWith(contentType)) {
                return Base64.getDecoder().decode(attachment.path("content").asText());
            }
        }
        throw new AssertionError("no " + contentType + " in " + mail.path("attachments"));
    }

    @Test
    void sendsOneEmailWhenTheSameMessageArrivesTwice() throws Exception {
        Notification n = queuedConfirmation(pdf());
        enqueue(n);
        enqueue(n);
        await(n, DeliveryStatus.SENT);
        awaitQueueDrained(); // both messages handled and deleted
        assertEquals(1, mailsTo(n.destination()).size());
    }

    /**
     * Killed between the status write and the message's delete: SQS delivers the message again once its visibility
     * runs out. The notice says SENT, so nothing more happens: no second mail, no new attempt.
     */
    @Test
    void aMessageWhoseDeleteWasLostAfterTheSendSendsNothingMoreWhenItComesBack() throws Exception {
        Notification n = queuedConfirmation(pdf());
        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        awaitQueueDrained();
        enqueue(n); // the same message, back from its visibility timeout
        awaitQueueDrained();
        Notification after = notifications.find(n.registrationId(), n.id()).orElseThrow();
        assertEquals(DeliveryStatus.SENT, after.status());
        assertEquals(sent.attempts(), after.attempts());
        assertEquals(sent.providerMessageId(), after.providerMessageId());
        assertEquals(1, mailsTo(n.destination()).size());
    }

    @Test
    void retriesAThrottledSendAndThenSucceeds() throws Exception {
        // more throttles than the SDK retries by itself, so the queue has to bring the message back
        cloud.sesFaults().failNext(4, new FaultInjector.Fault(429, "application/json",
                "{\"message\":\"Maximum sending rate exceeded.\"}", "TooManyRequestsException"));
        Notification n = queuedConfirmation(pdf());
        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        assertTrue(sent.attempts() >= 2, "attempts: " + sent.attempts());
        assertTrue(sent.lastError().contains("429"), sent.lastError());
        assertEquals(1, mailsTo(n.destination()).size());
    }

    @Test
    void aRejectedSendFailsAtOnceAndSaysWhy() throws Exception {
        cloud.sesFaults().failNext(1, new FaultInjector.Fault(400, "application/json",
                "{\"message\":\"Email address is not verified.\"}", "MessageRejected"));
        Notification n = queuedConfirmation(pdf());
        enqueue(n);
        Notification failed = await(n, DeliveryStatus.FAILED);
        assertTrue(failed.statusReason().contains("MessageRejected"), failed.statusReason());
        assertEquals(1, failed.attempts());
        assertEquals(0, mailsTo(n.destination()).size());
    }

    /**
     * SES down for every call for a while: the notices wait, QUEUED with the error shown, nothing sent; once SES is
     * back each goes out, once.
     */
    @Test
    void duringAnSesOutageNoticesWaitAndWhenItEndsEachGoesOutOnce() throws Exception {
        cloud.sesFaults().failNext(1000, cloud.sesFaults().serverError(503));
        List<Notification> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Notification n = queuedConfirmation(pdf());
            enqueue(n);
            waiting.add(n);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        List<Notification> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = waiting.stream().map(n -> notifications.find(n.registrationId(), n.id()).orElseThrow()).toList();
            if (seen.stream().allMatch(n -> n.attempts() >= 2)) {
                break;
            }
            sleep(100);
        }
        for (Notification n : seen) {
            assertTrue(n.attempts() >= 2, "not tried twice during the outage: " + n);
            assertTrue(n.status() == DeliveryStatus.QUEUED || n.status() == DeliveryStatus.SENDING, n.toString());
            assertTrue(n.lastError().contains("SES 503"), n.lastError());
            assertEquals(0, mailsTo(n.destination()).size());
        }

        cloud.sesFaults().failNext(0, null);
        for (Notification n : waiting) {
            assertEquals(DeliveryStatus.SENT, await(n, DeliveryStatus.SENT).status());
        }
        awaitQueueDrained();
        for (Notification n : waiting) {
            assertEquals(1, mailsTo(n.destination()).size(), n.destination());
        }
    }

    /**
     * An outage longer than the retries: the notice ends FAILED ("retries exhausted") and its message in the
     * dead-letter queue; once SES is back, the redrive (what SQS's StartMessageMoveTask does: each message sent to
     * the source queue again) delivers it, once.
     */
    @Test
    void aNoticeWhoseRetriesRanOutEndsInTheDeadLetterQueueAndARedriveDeliversItOnce() throws Exception {
        cloud.sesFaults().failNext(1000, new FaultInjector.Fault(500, "application/json",
                "{\"message\":\"Internal failure\"}", "InternalFailure"));
        Notification n = queuedConfirmation(pdf());
        enqueue(n);
        Notification failed = await(n, DeliveryStatus.FAILED);
        assertTrue(failed.statusReason().startsWith("retries exhausted: SES 500"), failed.statusReason());
        assertEquals(5, failed.attempts());
        Instant deadline = Instant.now().plusSeconds(10);
        List<software.amazon.awssdk.services.sqs.model.Message> dead = new java.util.ArrayList<>();
        while (dead.isEmpty() && Instant.now().isBefore(deadline)) {
            cloud.sqs().receiveMessage(b -> b.queueUrl(cloud.queueUrl("EmailDeadLetterQueue"))
                    .waitTimeSeconds(1).maxNumberOfMessages(10)).messages().stream()
                    .filter(m -> m.body().contains(n.registrationId())).forEach(dead::add);
        }
        assertEquals(1, dead.size(), "the message went to the dead-letter queue");

        cloud.sesFaults().failNext(0, null); // SES is back
        for (var m : dead) {
            cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("EmailQueue")).messageBody(m.body()));
            cloud.sqs().deleteMessage(b -> b.queueUrl(cloud.queueUrl("EmailDeadLetterQueue"))
                    .receiptHandle(m.receiptHandle()));
        }
        Notification sent = await(n, DeliveryStatus.SENT);
        assertTrue(sent.lastError().startsWith("retries exhausted: SES 500"), "the outage is remembered: " + sent.lastError());
        // and once more, as a redrive run twice would: nothing more
        cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("EmailQueue")).messageBody(dead.get(0).body()));
        awaitQueueDrained();
        assertEquals(1, mailsTo(n.destination()).size());
    }

    /**
     * SES takes the mail but its answer never comes (the connection held past the SDK's attempt timeout): neither the
     * SDK nor the queue sends it again; the notice is UNKNOWN, for a person to look at, and the mail is there once.
     */
    @Test
    void aSendWhoseAnswerWasLostIsUnknownAndTheMailIsNotSentTwice() throws Exception {
        cloud.sesFaults().failRandomly(new FaultInjector.RandomFaults(1.0, java.util.Set.of(FaultInjector.Kind.TIMEOUT),
                java.time.Duration.ofSeconds(8)), new java.util.Random(1));
        Notification n = queuedConfirmation(pdf());
        java.util.List<JsonNode> lines;
        try {
            lines = io.convoc.localcloud.LogLines.of(() -> {
                enqueue(n);
                Notification unknown = await(n, DeliveryStatus.UNKNOWN);
                assertTrue(unknown.statusReason().contains("answer lost"), unknown.statusReason());
                return unknown;
            });
        } finally {
            cloud.sesFaults().failRandomly(0, new java.util.Random(1));
        }
        // the one line the template's UnknownNotices filter counts: { $.level = "WARN" && $.outcome = "UNKNOWN" }
        assertEquals(1, io.convoc.localcloud.LogLines.with(lines, "noticeId", n.id()).stream()
                .filter(l -> l.path("level").asText().equals("WARN") && l.path("outcome").asText().equals("UNKNOWN"))
                .count(), lines.toString());
        enqueue(n); // the message again, as a redelivery
        awaitQueueDrained();
        assertEquals(DeliveryStatus.UNKNOWN, await(n, DeliveryStatus.UNKNOWN).status());
        assertEquals(1, mailsTo(n.destination()).size(), "SES has it once: neither the SDK nor the queue sent it again");
    }

    @Test
    void neverWritesToASuppressedAddress() throws Exception {
        Notification n = queuedConfirmation(pdf());
        suppressions.suppress(n.destination().toUpperCase(), "bounced: Permanent/General", Instant.now());
        enqueue(n);
        Notification suppressed = await(n, DeliveryStatus.SUPPRESSED);
        assertEquals("bounced: Permanent/General", suppressed.statusReason());
        awaitQueueDrained(); // the message handled to its end
        assertEquals(0, mailsTo(n.destination()).size());
    }

    /** The function killed after its claim, before the provider call: the redelivered message takes it back. */
    @Test
    void aNoticeLeftSendingBeforeTheProviderCallIsTakenBackByItsRedeliveredMessageAndSentOnce() throws Exception {
        Notification n = queuedConfirmation(pdf());
        Instant claimed = Instant.now().minusSeconds(120);
        assertTrue(notifications.claim(n.registrationId(), n.id(), claimed.plusSeconds(60), claimed));
        assertEquals(DeliveryStatus.SENDING, notifications.find(n.registrationId(), n.id()).orElseThrow().status());
        enqueue(n); // the message Lambda did not delete, back after its visibility timeout
        Notification sent = await(n, DeliveryStatus.SENT);
        assertEquals(2, sent.attempts());
        assertEquals(null, sent.leaseUntil());
        assertEquals(1, mailsTo(n.destination()).size());
    }

    /**
     * The function killed after SES accepted the mail and its id was written, before the status: the redelivered
     * message writes SENT with that id and sends nothing.
     */
    @Test
    void aNoticeAcceptedBySesButNotMarkedSentEndsSentWithoutASecondMail() throws Exception {
        Notification n = queuedConfirmation(pdf());
        Instant claimed = Instant.now().minusSeconds(120);
        Instant lease = claimed.plusSeconds(60);
        assertTrue(notifications.claim(n.registrationId(), n.id(), lease, claimed));
        assertTrue(notifications.handOver(n.registrationId(), n.id(), lease, claimed.plusSeconds(1)));
        String messageId;
        try (var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            messageId = ses.sendEmail(b -> b.fromEmailAddress("ne-pas-repondre@convoc.example.ma")
                    .destination(d -> d.toAddresses(n.destination()))
                    .content(c -> c.simple(m -> m.subject(t -> t.data("Confirmation"))
                            .body(body -> body.text(t -> t.data("première et seule"))))))
                    .messageId();
        }
        assertTrue(notifications.recordAccepted(n.registrationId(), n.id(), messageId, 1, claimed.plusSeconds(2)));
        assertEquals(1, mailsTo(n.destination()).size());

        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        assertEquals(messageId, sent.providerMessageId());
        assertEquals(1, sent.attempts());
        assertEquals(1, mailsTo(n.destination()).size(), "no second mail");
    }

    /** Killed during the SES call, no answer recorded: UNKNOWN (to look at), never a second mail. */
    @Test
    void aNoticeWhoseSesAnswerWasLostIsUnknownAndNotResent() throws Exception {
        Notification n = queuedConfirmation(pdf());
        Instant claimed = Instant.now().minusSeconds(120);
        Instant lease = claimed.plusSeconds(60);
        assertTrue(notifications.claim(n.registrationId(), n.id(), lease, claimed));
        assertTrue(notifications.handOver(n.registrationId(), n.id(), lease, claimed.plusSeconds(1)));
        enqueue(n);
        Notification unknown = await(n, DeliveryStatus.UNKNOWN);
        assertTrue(unknown.statusReason().contains("sent or not"), unknown.statusReason());
        assertEquals(0, mailsTo(n.destination()).size());
    }

}
