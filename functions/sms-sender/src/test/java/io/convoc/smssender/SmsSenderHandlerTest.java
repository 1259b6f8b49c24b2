package io.convoc.smssender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeChangeTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.ShortLinkTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.letters.LetterTokens;
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
import io.convoc.localcloud.SmsSink;
import io.convoc.notices.sms.SmsCount;
import io.convoc.notices.sms.SmsEncoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMS queue's messages (the sample event of events/sqs) through the real handler to the SMS sink. */
@ExtendWith(LocalCloudExtension.class)
class SmsSenderHandlerTest {
    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static NotificationTable notifications;
    private static ProgrammeChangeTable changes;
    private static AnnouncementTable announcements;
    /** As the fan-out writes announcement notices: each one counted in its announcement's counters. */
    private static NotificationTable countedNotifications;
    private static SuppressionTable suppressions;
    private static ShortLinkTable shortLinks;
    private static SmsSenderHandler handler;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        changes = new ProgrammeChangeTable(cloud.dynamo(), cloud.tableName("EventsTable"));
        announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        countedNotifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"),
                announcements);
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        shortLinks = new ShortLinkTable(cloud.dynamo(), cloud.tableName("ShortLinksTable"));
        handler = new SmsSenderHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @AfterEach
    void noMoreFaults() {
        cloud.smsFaults().failNext(0, null);
    }

    /** The SMS notices of a registration whose letter is ready: one per language the person reads. */
    private static List<Notification> queuedSms(LanguagePreference languages, String mobile) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Registration r = new Registration(id, "assises-2024", Civility.MONSIEUR,
                new PersonName("Omar", "Benjelloun", "عمر بنجلون"), "Président", "رئيس", Category.REGION_PRESIDENT,
                "Conseil régional", null, id + "@example.ma", mobile, languages, List.of(), RegistrationSource.FORM,
                RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0007", "letters/x.pdf", "00", now), now);
        return languages.languages().stream().map(language -> {
            Notification n = Notification.queued(id, "assises-2024", NoticeKind.CONFIRMATION, Channel.SMS, 1,
                    language, mobile, now);
            notifications.create(n);
            return n;
        }).toList();
    }

    /** The SMS notices of {@code kind} (content version {@code version}) for a new registration, one per language. */
    private static List<Notification> queued(NoticeKind kind, int version, LanguagePreference languages, String mobile) {
        List<Notification> confirmations = queuedSms(languages, mobile);
        return confirmations.stream().map(c -> {
            Notification n = Notification.queued(c.registrationId(), "assises-2024", kind, Channel.SMS, version,
                    c.language(), mobile, Instant.now());
            notifications.create(n);
            return n;
        }).toList();
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

    /** The sample SQS event, carrying this notice. */
    private static SQSEvent event(Notification n, int receiveCount) {
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/sms-notice.json").toString());
        event.getRecords().get(0).setBody("{\"registrationId\":\"" + n.registrationId() + "\",\"notificationId\":\""
                + n.id() + "\"}");
        event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", String.valueOf(receiveCount));
        return event;
    }

    private static SQSBatchResponse handle(SQSEvent event) {
        return handler.handleRequest(event, new LocalContext("SmsSenderFunction", 1024, 30));
    }

    private static Notification current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    @Test
    void sendsOneTransactionalSmsPerLanguageWithTheEssentials() {
        String mobile = newMobile();
        List<Notification> notices = queuedSms(LanguagePreference.BOTH, mobile);
        assertEquals(2, notices.size());
        for (Notification n : notices) {
            assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
            assertEquals(DeliveryStatus.SENT, current(n).status());
        }
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(2, received.size(), received.toString());
        SmsSink.Sms french = received.get(0);
        SmsSink.Sms arabic = received.get(1);
        assertEquals("Transactional", french.attributes().get("AWS.SNS.SMS.SMSType"));
        assertEquals("ASSISES", french.attributes().get("AWS.SNS.SMS.SenderID"));
        // the letter's link is a short link (SmsShortLinkTest follows it)
        assertTrue(french.message().contains("Tanger") && french.message().matches(".* https?://[^ ]+/l/[0-9A-Za-z]{8}$"),
                french.message());
        assertTrue(arabic.message().contains("طنجة"), arabic.message());
        // GSM-safe French stays 7-bit; Arabic is UCS-2; the parts stay within the configured maximum
        assertEquals(SmsEncoding.GSM_7BIT, SmsCount.of(french.message()).encoding());
        assertEquals(SmsEncoding.UCS_2, SmsCount.of(arabic.message()).encoding());
        assertTrue(SmsCount.of(french.message()).parts() + SmsCount.of(arabic.message()).parts() <= 6);
        // each notice records its message and the parts it costs, for the organizers' bill
        assertEquals(french.messageId(), current(notices.get(0)).providerMessageId());
        assertEquals(SmsCount.of(french.message()).parts(), current(notices.get(0)).parts());
        assertEquals(arabic.messageId(), current(notices.get(1)).providerMessageId());
        assertEquals(SmsCount.of(arabic.message()).parts(), current(notices.get(1)).parts());
    }

    /**
     * The sample event as {@code sam local invoke} sends it, its registration id re-keyed to this test's registration:
     * the notice id it names is one the notices are stored under, and the SMS goes out.
     */
    @Test
    void theSampleEventSendsItsSms() throws Exception {
        // 066x: a range of Moroccan mobiles libphonenumber knows (not every 06 prefix is one)
        String mobile = "+212661" + (100000 + (int) (Math.random() * 899999));
        Notification n = queuedSms(LanguagePreference.FR, mobile).get(0);
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/sms-notice.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        String sampleRegistration = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertTrue(message.getBody().contains("\"notificationId\": \""
                + Notification.idOf(sampleRegistration, NoticeKind.CONFIRMATION, Channel.SMS, 1, n.language()) + "\""),
                "the sample names a notice id in the current format: " + message.getBody());
        message.setBody(message.getBody().replace(sampleRegistration, n.registrationId()));
        List<com.fasterxml.jackson.databind.JsonNode> metrics = io.convoc.localcloud.EmfLines.of(() -> {
            assertTrue(handle(event).getBatchItemFailures().isEmpty());
            return null;
        });
        assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        // CloudWatch counts the notice and the parts SNS bills, from the function's log (Embedded Metric Format)
        assertEquals(1.0, io.convoc.localcloud.EmfLines.sum(metrics, "NoticeOutcomes",
                java.util.Map.of("Channel", "SMS", "Kind", "CONFIRMATION", "Outcome", "SENT")), metrics.toString());
        assertEquals(current(n).parts(), io.convoc.localcloud.EmfLines.sum(metrics, "SmsParts",
                java.util.Map.of("Kind", "CONFIRMATION")), 0.0, metrics.toString());
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(1, received.size(), received.toString());
        assertEquals(received.get(0).messageId(), current(n).providerMessageId());
    }

    /** Each status a notice goes through is timestamped in its item's {@code history} (status → time). */
    @Test
    void eachStatusChangeIsTimestampedInHistory() {
        String mobile = newMobile();
        Notification n = queuedSms(LanguagePreference.FR, mobile).get(0);
        Instant before = Instant.now().minusMillis(1);
        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
        Instant after = Instant.now().plusMillis(1);
        var item = cloud.dynamo().getItem(b -> b.tableName(cloud.tableName("NotificationsTable")).consistentRead(true)
                .key(java.util.Map.of("registrationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS(n.registrationId()),
                        "notificationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(n.id()))))
                .item();
        var history = item.get("history").m();
        assertTrue(history.containsKey("SENDING") && history.containsKey("SENT"), history.toString());
        Instant sending = Instant.parse(history.get("SENDING").s());
        Instant sent = Instant.parse(history.get("SENT").s());
        assertTrue(!sending.isBefore(before) && !sending.isAfter(sent) && !sent.isAfter(after),
                before + " ≤ " + sending + " ≤ " + sent + " ≤ " + after);
        assertEquals(sent, Instant.parse(item.get("updatedAt").s()), "the last change is the item's updatedAt");
    }

    /** A suppressed number is never written to: the notice ends SUPPRESSED with the reason, the sink gets nothing. */
    @Test
    void neverWritesToASuppressedNumber() {
        String mobile = newMobile();
        List<Notification> notices = queuedSms(LanguagePreference.BOTH, mobile);
        new io.convoc.aws.dynamo.SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"))
                .suppress(mobile, "opted out: STOP", Instant.now());
        for (Notification n : notices) {
            assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
            Notification suppressed = current(n);
            assertEquals(DeliveryStatus.SUPPRESSED, suppressed.status(), suppressed.toString());
            assertEquals("opted out: STOP", suppressed.statusReason());
            // delivered again, still nothing sent
            assertTrue(handle(event(n, 2)).getBatchItemFailures().isEmpty());
        }
        assertEquals(0, cloud.sms().messagesTo(mobile).size());
    }

    @Test
    void aScheduleChangeSmsSaysWhichSessionChangedInEachLanguage() {
        String mobile = newMobile();
        List<Notification> notices = queued(NoticeKind.SCHEDULE_CHANGE, recordedChange("opening"),
                LanguagePreference.BOTH, mobile);
        for (Notification n : notices) {
            assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
            assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        }
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(2, received.size(), received.toString());
        String french = received.get(0).message();
        String arabic = received.get(1).message();
        assertTrue(french.startsWith("Changement de programme") && french.contains("\"Séance plénière d'ouverture\"")
                && french.matches(".* https?://[^ ]+/l/[0-9A-Za-z]{8}$"), french);
        assertTrue(arabic.startsWith("تغيير في البرنامج") && arabic.contains("«الجلسة العامة الافتتاحية»"), arabic);
        assertTrue(SmsCount.of(french).parts() + SmsCount.of(arabic).parts() <= 6, french + "\n" + arabic);
    }

    // ---- announcements ----------------------------------------------------------------------------------------

    private static final Pattern SHORT_LINK = Pattern.compile("https?://[^ /\\n]+/l/([0-9A-Za-z]{8})");
    /** An organizers' SMS with the person's name and, for those who have one, the link to their letter. */
    private static final Bilingual ANNOUNCEMENT_SMS = Bilingual.of(
            "((name)), accueil demain dès 8h30 au Palais des congrès.((letter_link?? Lettre : ((letter_link))))",
            "((name))، الاستقبال غدا ابتداء من 8:30 بقصر المؤتمرات.((letter_link?? الرسالة: ((letter_link))))");

    /** An SMS announcement of the Assises to everyone, being sent (as the fan-out leaves it). */
    private static Announcement sendingAnnouncement(Bilingual sms) {
        Instant now = Instant.now();
        Announcement a = Announcement.draft(announcements.nextNumber(), new AnnouncementDraft("assises-2024",
                Bilingual.of("", ""), Bilingual.of("", ""), sms, EnumSet.of(Channel.SMS), Audience.everyone()),
                "organisateur.dgct", now);
        announcements.create(a);
        assertTrue(announcements.schedule(a.number(), now, now));
        assertTrue(announcements.startSending(a.number(), now));
        return announcements.find(a.number()).orElseThrow();
    }

    /** A registration of the Assises, with its letter v1 or without a letter yet. */
    private static String invitee(LanguagePreference languages, String mobile, boolean withLetter) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        registrations.create(new Registration(id, "assises-2024", Civility.MONSIEUR,
                new PersonName("Omar", "Benjelloun", "عمر بنجلون"), "Président", "رئيس", Category.REGION_PRESIDENT,
                "Conseil régional", null, id + "@example.ma", mobile, languages, List.of(), RegistrationSource.FORM,
                RegistrationStatus.RECEIVED, null, null, now, now));
        if (withLetter) {
            registrations.recordLetter(id, 0, new LetterInfo(1, "ANRA-2024/0007", "letters/x.pdf", "00", now), now);
        }
        return id;
    }

    /**
     * The announcement's SMS notices to a registration, one per language it reads, as the fan-out writes them (at one
     * time: their links expire together, so both languages carry the same short links).
     */
    private static List<Notification> queuedAnnouncement(Announcement a, String registrationId,
                                                         LanguagePreference languages, String mobile) {
        Instant now = Instant.now();
        return languages.languages().stream().map(language -> {
            Notification n = Notification.queued(registrationId, "assises-2024", NoticeKind.ANNOUNCEMENT, Channel.SMS,
                    a.number(), language, mobile, now);
            countedNotifications.create(n);
            return n;
        }).toList();
    }

    private static final java.util.concurrent.atomic.AtomicInteger MOBILES = new java.util.concurrent.atomic.AtomicInteger();

    /** A Moroccan mobile number no other test of this JVM uses (the SMS sink is shared: tests read by number). */
    private static String newMobile() {
        return String.format("+2126%02d%06d", ProcessHandle.current().pid() % 100, MOBILES.incrementAndGet());
    }

    /** Where a short link of an SMS leads (ShortLinksTable). */
    private static URI target(Matcher link) {
        return shortLinks.resolve(link.group(1), Instant.now()).orElseThrow();
    }

    /**
     * An announcement to a French reader: their SMS is the organizers' text with their name and the short link to their
     * letter, then the stop line, whose short link leads to the unsubscribe page with a token for this number.
     */
    @Test
    void anAnnouncementSmsIsTheOrganizersTextForThePersonThenTheStopLine() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.FR, mobile, true);
        Announcement a = sendingAnnouncement(ANNOUNCEMENT_SMS);
        Notification n = queuedAnnouncement(a, id, LanguagePreference.FR, mobile).get(0);
        assertEquals("ANNOUNCEMENT#SMS-FR#v" + a.number() + "#" + id, n.id());

        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
        Notification sent = current(n);
        assertEquals(DeliveryStatus.SENT, sent.status(), sent.toString());
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(1, received.size(), received.toString());
        String sms = received.get(0).message();
        String[] lines = sms.split("\n");
        assertEquals(2, lines.length, sms);
        assertTrue(lines[0].matches("Monsieur Omar Benjelloun, accueil demain dès 8h30 au Palais des congrès\\. "
                + "Lettre : https?://[^ ]+/l/[0-9A-Za-z]{8}"), sms);
        assertTrue(lines[1].matches("STOP annonces : https?://[^ ]+/l/[0-9A-Za-z]{8}"), sms);
        assertEquals("Transactional", received.get(0).attributes().get("AWS.SNS.SMS.SMSType"));
        assertEquals(SmsEncoding.GSM_7BIT, SmsCount.of(sms).encoding());
        assertEquals(received.get(0).messageId(), sent.providerMessageId());
        assertEquals(SmsCount.of(sms).parts(), sent.parts(), "the notice records what the SMS costs");

        String api = System.getProperty("PUBLIC_API_URL").replaceAll("/+$", "");
        Matcher letter = SHORT_LINK.matcher(lines[0]);
        assertTrue(letter.find());
        assertTrue(target(letter).toString().startsWith(api + "/api/public/letters/" + id + ".1."), target(letter).toString());
        Matcher stop = SHORT_LINK.matcher(lines[1]);
        assertTrue(stop.find());
        String page = target(stop).toString();
        String prefix = api + "/api/public/unsubscribe/";
        assertTrue(page.startsWith(prefix), page);
        // the token opts out this number, and no other address of the registration
        LetterTokens tokens = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        String token = page.substring(prefix.length());
        assertEquals(Optional.of(mobile), tokens.verifyUnsubscribe(token, r -> Optional.of(mobile), Instant.now()));
        assertTrue(tokens.verifyUnsubscribe(token, r -> Optional.of(id + "@example.ma"), Instant.now()).isEmpty());
        assertTrue(tokens.verifyUnsubscribe(token, r -> Optional.of(mobile),
                n.createdAt().plus(LetterTokens.UNSUBSCRIBE_LIFETIME).plusSeconds(1)).isEmpty(), "a year long");

        assertEquals(1, announcements.find(a.number()).orElseThrow().counters().sent(), "counted as sent");
    }

    /** French and Arabic read: two notices, each sends its language's message once, the parts recorded on each. */
    @Test
    void aFrenchAndArabicReaderGetsTwoMessagesOnePerNotice() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.BOTH, mobile, true);
        Announcement a = sendingAnnouncement(ANNOUNCEMENT_SMS);
        List<Notification> notices = queuedAnnouncement(a, id, LanguagePreference.BOTH, mobile);
        assertEquals(2, notices.size());
        for (Notification n : notices) {
            assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
            assertTrue(handle(event(n, 2)).getBatchItemFailures().isEmpty(), "delivered again: nothing more");
        }
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(2, received.size(), received.toString());
        String french = received.get(0).message();
        String arabic = received.get(1).message();
        assertTrue(french.startsWith("Monsieur Omar Benjelloun, accueil demain") && french.contains("\nSTOP annonces : "),
                french);
        assertTrue(arabic.startsWith("السيد عمر بنجلون، الاستقبال غدا") && arabic.contains("\nإيقاف الإعلانات: "), arabic);
        assertEquals(SmsEncoding.UCS_2, SmsCount.of(arabic).encoding());
        for (int i = 0; i < 2; i++) {
            Notification sent = current(notices.get(i));
            assertEquals(DeliveryStatus.SENT, sent.status(), sent.toString());
            assertEquals(received.get(i).messageId(), sent.providerMessageId());
            assertEquals(SmsCount.of(received.get(i).message()).parts(), sent.parts(), received.get(i).message());
        }
        // one letter, one number: the same two short links in both languages
        Matcher fr = SHORT_LINK.matcher(french);
        Matcher ar = SHORT_LINK.matcher(arabic);
        for (int link = 0; link < 2; link++) {
            assertTrue(fr.find() && ar.find());
            assertEquals(fr.group(1), ar.group(1));
        }
        assertTrue(SmsCount.of(french).parts() + SmsCount.of(arabic).parts() <= 6, french + "\n" + arabic);
        assertEquals(2, announcements.find(a.number()).orElseThrow().counters().sent());
    }

    /** No letter yet: the announcement goes all the same, without the letter's line. */
    @Test
    void anAnnouncementNeedsNoLetter() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.AR, mobile, false);
        Notification n = queuedAnnouncement(sendingAnnouncement(ANNOUNCEMENT_SMS), id, LanguagePreference.AR, mobile)
                .get(0);
        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        String sms = cloud.sms().messagesTo(mobile).get(0).message();
        assertTrue(sms.matches("السيد عمر بنجلون، الاستقبال غدا ابتداء من 8:30 بقصر المؤتمرات\\.\n"
                + "إيقاف الإعلانات: https?://[^ ]+/l/[0-9A-Za-z]{8}"), sms);
    }

    @Test
    void aCancelledAnnouncementsSmsEndsCancelledAndNothingIsSent() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.BOTH, mobile, true);
        Announcement a = sendingAnnouncement(ANNOUNCEMENT_SMS);
        List<Notification> notices = queuedAnnouncement(a, id, LanguagePreference.BOTH, mobile);
        assertTrue(announcements.cancel(a.number(), "by organisateur.dgct", Instant.now()));
        for (Notification n : notices) {
            assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
            Notification cancelled = current(n);
            assertEquals(DeliveryStatus.CANCELLED, cancelled.status(), cancelled.toString());
            assertTrue(cancelled.statusReason().contains("cancelled"), cancelled.statusReason());
        }
        assertEquals(0, cloud.sms().messagesTo(mobile).size());
        assertEquals(2, announcements.find(a.number()).orElseThrow().counters().cancelled());
    }

    /** A number opted out of announcements (the SMS's stop link): no announcement, but its confirmation still goes. */
    @Test
    void aNumberOptedOutOfAnnouncementsStillGetsItsConfirmation() {
        String mobile = newMobile();
        Notification confirmation = queuedSms(LanguagePreference.FR, mobile).get(0);
        Notification n = queuedAnnouncement(sendingAnnouncement(ANNOUNCEMENT_SMS), confirmation.registrationId(),
                LanguagePreference.FR, mobile).get(0);
        suppressions.optOutOfAnnouncements(mobile, Instant.now());

        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
        Notification suppressed = current(n);
        assertEquals(DeliveryStatus.SUPPRESSED, suppressed.status(), suppressed.toString());
        assertEquals("unsubscribed from announcements", suppressed.statusReason());
        assertEquals(0, cloud.sms().messagesTo(mobile).size());

        assertTrue(handle(event(confirmation, 1)).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(confirmation).status());
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(1, received.size(), received.toString());
        assertTrue(received.get(0).message().startsWith("Inscription confirm"), received.get(0).message());
    }

    /** Longer than SmsMaxParts (6): refused at once, FAILED with the reason, nothing sent. */
    @Test
    void anAnnouncementSmsOverTheMaximumFailsWithTheReason() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.AR, mobile, true);
        Announcement a = sendingAnnouncement(Bilingual.of("Information. ".repeat(36), "معلومات مهمة. ".repeat(34)));
        Notification n = queuedAnnouncement(a, id, LanguagePreference.AR, mobile).get(0);
        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty(), "not retried");
        Notification failed = current(n);
        assertEquals(DeliveryStatus.FAILED, failed.status(), failed.toString());
        assertTrue(failed.statusReason().startsWith("sms_too_long: ") && failed.statusReason().contains("maximum of 6"),
                failed.statusReason());
        assertEquals(1, failed.attempts());
        assertEquals(0, cloud.sms().messagesTo(mobile).size());
    }

    /**
     * The sample event (events/sqs/announcement-sms-notice.json) as {@code sam local invoke} sends it, its registration
     * and announcement re-keyed to this test's: the Arabic SMS of the announcement goes out.
     */
    @Test
    void theSampleAnnouncementEventSendsItsSms() {
        String mobile = newMobile();
        String id = invitee(LanguagePreference.BOTH, mobile, true);
        Announcement a = sendingAnnouncement(ANNOUNCEMENT_SMS);
        Notification n = queuedAnnouncement(a, id, LanguagePreference.BOTH, mobile).get(1);
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/announcement-sms-notice.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        String sampleRegistration = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String sampleId = Notification.idOf(sampleRegistration, NoticeKind.ANNOUNCEMENT, Channel.SMS, 1, n.language());
        assertTrue(message.getBody().contains("\"notificationId\": \"" + sampleId + "\""),
                "the sample names a notice id in the current format: " + message.getBody());
        message.setBody(message.getBody().replace(sampleId, n.id()).replace(sampleRegistration, id));
        assertTrue(handle(event).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(1, received.size(), received.toString());
        assertTrue(received.get(0).message().startsWith("السيد عمر بنجلون"), received.get(0).message());
        assertFalse(received.get(0).message().contains("STOP"), "the Arabic message only");
        assertEquals(received.get(0).messageId(), current(n).providerMessageId());
    }

    @Test
    void anAlreadyRegisteredNoticeIsAnEmailOnlyAndFailsAtOnceAsSms() {
        String mobile = newMobile();
        // content version: the day the registration form was used with the person's address
        Notification n = queued(NoticeKind.ALREADY_REGISTERED, 20_062, LanguagePreference.FR, mobile).get(0);
        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty(), "not retried");
        Notification failed = current(n);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.statusReason().startsWith("unsupported_kind: "), failed.statusReason());
        assertEquals(1, failed.attempts());
        assertEquals(0, cloud.sms().messagesTo(mobile).size());
    }

    /** The function killed after claiming an Arabic SMS, before publishing: the redelivered message sends it once. */
    @Test
    void anSmsLeftSendingBeforeThePublishIsTakenBackByItsRedeliveredMessageAndSentOnce() {
        String mobile = "+2127" + (10000000 + (int) (Math.random() * 89999999));
        Notification n = queuedSms(LanguagePreference.AR, mobile).get(0);
        Instant claimed = Instant.now().minusSeconds(120);
        assertTrue(notifications.claim(n.registrationId(), n.id(), claimed.plusSeconds(60), claimed));
        assertTrue(handle(event(n, 2)).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status());
        assertEquals(2, current(n).attempts());
        assertEquals(1, cloud.sms().messagesTo(mobile).size());
        assertTrue(handle(event(n, 3)).getBatchItemFailures().isEmpty());
        assertEquals(1, cloud.sms().messagesTo(mobile).size());
    }

    /** Published, its message id written, killed before the status: the redelivered message only writes SENT. */
    @Test
    void anSmsWhoseMessageIdWasRecordedEndsSentWithoutASecondPublish() {
        String mobile = "+2127" + (10000000 + (int) (Math.random() * 89999999));
        Notification n = queuedSms(LanguagePreference.AR, mobile).get(0);
        Instant claimed = Instant.now().minusSeconds(120);
        Instant lease = claimed.plusSeconds(60);
        assertTrue(notifications.claim(n.registrationId(), n.id(), lease, claimed));
        assertTrue(notifications.handOver(n.registrationId(), n.id(), lease, claimed));
        assertTrue(notifications.recordAccepted(n.registrationId(), n.id(), "sns-published-1", 2, claimed));
        assertTrue(handle(event(n, 2)).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status());
        assertEquals("sns-published-1", current(n).providerMessageId());
        assertEquals(2, current(n).parts());
        assertEquals(0, cloud.sms().messagesTo(mobile).size());
    }

    @Test
    void sendsOneSmsWhenTheSameMessageArrivesTwice() {
        String mobile = "+2127" + (10000000 + (int) (Math.random() * 89999999));
        Notification n = queuedSms(LanguagePreference.AR, mobile).get(0);
        handle(event(n, 1));
        handle(event(n, 1));
        assertEquals(1, cloud.sms().messagesTo(mobile).size());
    }

    @Test
    void aThrottledPublishIsReportedForRetryThenSucceeds() {
        String mobile = newMobile();
        Notification n = queuedSms(LanguagePreference.FR, mobile).get(0);
        cloud.smsFaults().failNext(10, new FaultInjector.Fault(400, "text/xml",
                "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                        + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>", null));
        SQSBatchResponse first = handle(event(n, 1));
        assertEquals(1, first.getBatchItemFailures().size());
        assertEquals(DeliveryStatus.QUEUED, current(n).status());
        assertTrue(current(n).lastError().contains("Throttling"), current(n).lastError());

        cloud.smsFaults().failNext(0, null);
        assertTrue(handle(event(n, 2)).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status());
        assertEquals(1, cloud.sms().messagesTo(mobile).size());
    }

    @Test
    void anInvalidNumberFailsAtOnceAndSaysWhy() {
        String mobile = newMobile();
        Notification n = queuedSms(LanguagePreference.FR, mobile).get(0);
        cloud.smsFaults().failNext(1, new FaultInjector.Fault(400, "text/xml",
                "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>InvalidParameter</Code><Message>Invalid parameter: PhoneNumber</Message></Error>"
                        + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>", null));
        assertTrue(handle(event(n, 1)).getBatchItemFailures().isEmpty());
        Notification failed = current(n);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.statusReason().contains("InvalidParameter"), failed.statusReason());
    }

    @Test
    void theLastAttemptMarksTheNoticeFailedWithTheLastError() {
        String mobile = newMobile();
        Notification n = queuedSms(LanguagePreference.FR, mobile).get(0);
        cloud.smsFaults().failNext(100, new FaultInjector.Fault(500, "text/xml",
                "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Receiver</Type>"
                        + "<Code>InternalError</Code><Message>Internal error</Message></Error>"
                        + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>", null));
        SQSBatchResponse last = handle(event(n, 5));
        assertEquals(1, last.getBatchItemFailures().size(), "left for the dead-letter queue");
        Notification failed = current(n);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.statusReason().startsWith("retries exhausted: SNS 500 InternalError"), failed.statusReason());
    }
}
