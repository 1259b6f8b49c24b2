package io.convoc.emailsender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.aws.s3.S3LetterArchive;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.letters.LetterService;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
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
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organizers' announcements by e-mail: the e-mail queue consumed by the real handler, through the SES emulator, with
 * the announcements, notices and suppressions in the DynamoDB emulator.
 */
@ExtendWith(LocalCloudExtension.class)
class AnnouncementEmailSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_REGISTRATION = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static NotificationTable notifications;
    private static AnnouncementTable announcements;
    private static SuppressionTable suppressions;
    private static S3LetterArchive letters;
    private static LetterTokens tokens;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        System.setProperty("NOTICE_RETRY_BASE_SECONDS", "0");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"),
                announcements);
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        letters = new S3LetterArchive(cloud.s3(), cloud.bucketName("LettersBucket"));
        // the key the function is given (the local secret of LetterTokenSecret), to check the links it signs
        tokens = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        EmailSenderRunning.ensureStarted(cloud);
    }

    /** A registration, with its letter when {@code withLetter}; the name has markup that must stay text. */
    private static Registration registration(String id, boolean withLetter) {
        Instant now = Instant.now();
        Registration r = new Registration(id, "assises-2024", Civility.MADAME,
                new PersonName("<b>Nadia</b>", "Fassi", "نادية الفاسي"), "Experte", "خبيرة", Category.EXPERT,
                "Université", null, "nadia-" + id + "@example.ma", null, LanguagePreference.BOTH_AR_FIRST,
                List.of("ws-numerique"), RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        if (withLetter) {
            byte[] pdf = ("%PDF-1.7\n% lettre " + id + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
            String key = "letters/assises-2024/" + id + "/v1.pdf";
            letters.store(key, pdf, LetterService.sha256(pdf));
            registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0042", key, LetterService.sha256(pdf), now),
                    now);
        }
        return registrations.find(id).orElseThrow();
    }

    /** An announcement being sent (as the fan-out leaves it), by e-mail to everyone. */
    private static Announcement announcement(AnnouncementState state) {
        Instant now = Instant.now();
        Announcement a = new Announcement(announcements.nextNumber(), "assises-2024",
                Bilingual.of("Accueil des participants – ((event))", "استقبال المشاركين – ((event))"),
                Bilingual.of("Bonjour ((name)),\n\nL’accueil ouvre à 8 h 30.\n"
                                + "((letter_link??Votre lettre : ))((letter_link))",
                        "((name))،\n\nيفتح الاستقبال على الساعة 8:30.\n((letter_link??رسالتكم: ))((letter_link))"),
                null, Set.of(Channel.EMAIL), Audience.everyone(), state, now, "organisateur.dgct", now, now,
                AnnouncementCounters.NONE, null, false, state == AnnouncementState.CANCELLED ? "by test" : null);
        announcements.create(a);
        return a;
    }

    /** The announcement's notice to {@code r}, written as the fan-out writes it (counted on the announcement). */
    private static Notification queuedAnnouncement(Announcement a, Registration r) {
        Notification n = Notification.queued(r.id(), a.eventId(), NoticeKind.ANNOUNCEMENT, Channel.EMAIL, a.number(),
                null, r.email(), Instant.now());
        assertEquals(List.of(true), notifications.createAll(List.of(n)));
        return n;
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
    void sendsAnAnnouncementInBothLanguagesWithItsWorkingUnsubscribeLinkAndNoAttachment() throws Exception {
        Registration r = registration(UUID.randomUUID().toString(), true);
        Announcement a = announcement(AnnouncementState.SENDING);
        Notification n = queuedAnnouncement(a, r);
        enqueue(n);
        Notification sent = await(n, DeliveryStatus.SENT);
        assertTrue(sent.providerMessageId() != null && !sent.providerMessageId().isBlank());
        assertEquals(1, announcements.find(a.number()).orElseThrow().counters().sent(), "counted on the announcement");

        List<JsonNode> mails = mailsTo(r.email());
        assertEquals(1, mails.size());
        JsonNode mail = mails.get(0);
        String subject = mail.path("subject").asText();
        assertTrue(subject.startsWith("استقبال المشاركين – الدورة الثانية") && subject.contains("| Accueil des participants"),
                subject);
        assertEquals(0, mail.path("attachments").size(), "no letter, no calendar: " + mail.path("attachments"));
        String text = mail.path("body").path("text").asText();
        assertTrue(text.contains("Bonjour Madame <b>Nadia</b> Fassi,") && text.contains("السيدة نادية الفاسي،"), text);
        assertFalse(text.contains("(("), text);

        String html = mail.path("body").path("html").asText();
        assertFalse(html.contains("<b>"), "the name stays text: " + html);
        assertTrue(html.contains("&lt;b&gt;Nadia&lt;/b&gt; Fassi"), html);
        assertTrue(html.contains("<div lang=\"ar\" dir=\"rtl\""), html);
        // the letter's signed download link, clickable
        List<String> letterLinks = hrefs(html, "<a dir=\"ltr\" href=\"([^\"]+)\"");
        assertEquals(2, letterLinks.size(), "one per language: " + html);
        String letterLink = letterLinks.get(0);
        assertTrue(letterLink.matches(".*/api/public/letters/" + r.id() + "\\.1\\.[0-9]+\\.[A-Za-z0-9_-]{22}"), letterLink);
        assertTrue(text.contains("Votre lettre : " + letterLink), text);
        // the unsubscribe link: the same at the foot of both languages, a token that opts out this address
        List<String> unsubscribe = hrefs(html, "href=\"([^\"]*/api/public/unsubscribe/[^\"]+)\"");
        assertEquals(2, unsubscribe.size());
        assertEquals(unsubscribe.get(0), unsubscribe.get(1));
        String token = unsubscribe.get(0).substring(unsubscribe.get(0).lastIndexOf('/') + 1);
        assertEquals(Optional.of(r.email()), tokens.verifyUnsubscribe(token,
                id -> registrations.find(id).map(Registration::email), Instant.now().plus(Duration.ofDays(360))));
    }

    @Test
    void anAnnouncementToSomeoneWithoutALetterIsSentWithoutTheLetterLink() throws Exception {
        Registration r = registration(UUID.randomUUID().toString(), false);
        Notification n = queuedAnnouncement(announcement(AnnouncementState.SENDING), r);
        enqueue(n);
        await(n, DeliveryStatus.SENT);
        String text = mailsTo(r.email()).get(0).path("body").path("text").asText();
        assertFalse(text.contains("Votre lettre") || text.contains("رسالتكم") || text.contains("/api/public/letters/"),
                text);
    }

    /**
     * The sample event (events/sqs/announcement-email-notice.json) as {@code sam local invoke} sends it, its
     * registration and announcement re-keyed to this test's, through the handler: one mail reaches the SES emulator.
     */
    @Test
    void theSampleAnnouncementEventSendsItsEmail() throws Exception {
        Registration r = registration(UUID.randomUUID().toString(), true);
        Announcement a = announcement(AnnouncementState.SENDING);
        Notification n = queuedAnnouncement(a, r);
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/announcement-email-notice.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        String sampleId = Notification.idOf(SAMPLE_REGISTRATION, NoticeKind.ANNOUNCEMENT, Channel.EMAIL, 1, null);
        assertTrue(message.getBody().contains("\"notificationId\": \"" + sampleId + "\""),
                "the sample names a notice id in the current format: " + message.getBody());
        message.setBody(message.getBody().replace(sampleId, n.id()).replace(SAMPLE_REGISTRATION, r.id()));
        EmailSenderHandler handler = new EmailSenderHandler();
        try {
            SQSBatchResponse response = handler.handleRequest(event, new LocalContext("EmailSenderFunction", 1024, 30));
            assertTrue(response.getBatchItemFailures().isEmpty(), response.toString());
        } finally {
            handler.close();
        }
        assertEquals(DeliveryStatus.SENT, notifications.find(r.id(), n.id()).orElseThrow().status());
        List<JsonNode> mails = mailsTo(r.email());
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).path("subject").asText().contains("Accueil des participants"), mails.get(0).toString());
    }

    @Test
    void aCancelledAnnouncementsNoticeEndsCancelledAndNothingReachesSes() throws Exception {
        Registration r = registration(UUID.randomUUID().toString(), true);
        Announcement a = announcement(AnnouncementState.SENDING);
        Notification n = queuedAnnouncement(a, r);
        assertTrue(announcements.cancel(a.number(), "by organisateur.dgct", Instant.now()));
        enqueue(n);
        Notification cancelled = await(n, DeliveryStatus.CANCELLED);
        assertTrue(cancelled.statusReason().contains("announcement " + a.number() + " cancelled"),
                cancelled.statusReason());
        assertEquals(0, mailsTo(r.email()).size());
        assertEquals(1, announcements.find(a.number()).orElseThrow().counters().cancelled());
    }

    @Test
    void anAddressThatOptedOutGetsNoMoreAnnouncementsButStillItsConfirmation() throws Exception {
        Registration r = registration(UUID.randomUUID().toString(), true);
        suppressions.optOutOfAnnouncements(r.email().toUpperCase(), Instant.now()); // what the one-click POST does
        Notification announcement = queuedAnnouncement(announcement(AnnouncementState.SENDING), r);
        enqueue(announcement);
        Notification suppressed = await(announcement, DeliveryStatus.SUPPRESSED);
        assertEquals("unsubscribed from announcements", suppressed.statusReason());

        Notification confirmation = Notification.queued(r.id(), "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL,
                1, null, r.email(), Instant.now());
        notifications.create(confirmation);
        enqueue(confirmation);
        await(confirmation, DeliveryStatus.SENT);
        List<JsonNode> mails = mailsTo(r.email());
        assertEquals(1, mails.size(), "the confirmation only");
        assertTrue(mails.get(0).path("subject").asText().contains("Confirmation"), mails.get(0).toString());
    }

    private static List<String> hrefs(String html, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

}
