package io.convoc.smssender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.AnnouncementTable;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.dynamo.ShortLinkTable;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.links.ShortCodes;
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
import io.convoc.localcloud.FaultInjector;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.SmsSink;
import io.convoc.notices.sms.SmsCount;
import io.convoc.notices.sms.SmsEncoding;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The links of SMS are short links ({@code <base>/l/<code>}, ShortLinksTable) to the signed letter link: what they cost
 * with a production domain, what they point to, and that a retried SMS writes its short link once.
 */
@ExtendWith(LocalCloudExtension.class)
class SmsShortLinkTest {
    /** A realistic production short link domain (the Association of Moroccan Regions'). */
    private static final String PRODUCTION_BASE = "https://anra.ma";
    private static final Pattern SHORT_LINK = Pattern.compile("(https?://[^ /]+)/l/([0-9A-Za-z]+)");

    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static NotificationTable notifications;
    private static ShortLinkTable links;
    /** As template.yaml configures it: ShortLinkBaseUrl empty, the short links on the API's URL. */
    private static SmsSenderHandler handler;
    /** With ShortLinkBaseUrl set to a production domain. */
    private static SmsSenderHandler production;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        links = new ShortLinkTable(cloud.dynamo(), cloud.tableName("ShortLinksTable"));
        handler = new SmsSenderHandler();
        production = new SmsSenderHandler(ApplicationContext.builder()
                .properties(Map.of("SHORT_LINK_BASE_URL", PRODUCTION_BASE)));
    }

    @AfterAll
    static void stop() {
        handler.close();
        production.close();
    }

    @AfterEach
    void noMoreFaults() {
        cloud.smsFaults().failNext(0, null);
    }

    /** The confirmation SMS notices of a sample invitee whose letter v1 is ready: one per language read. */
    private static List<Notification> queuedConfirmations(LanguagePreference languages, String mobile) {
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

    private static String mobile() {
        return "+2126" + (10000000 + (int) (Math.random() * 89999999));
    }

    private static SQSEvent event(Notification n, int receiveCount) {
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/sms-notice.json").toString());
        event.getRecords().get(0).setBody("{\"registrationId\":\"" + n.registrationId() + "\",\"notificationId\":\""
                + n.id() + "\"}");
        event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", String.valueOf(receiveCount));
        return event;
    }

    private static SQSBatchResponse handle(SmsSenderHandler with, Notification n, int receiveCount) {
        return with.handleRequest(event(n, receiveCount), new LocalContext("SmsSenderFunction", 1024, 30));
    }

    private static Notification current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    /** The one SMS sent to {@code mobile}, after sending {@code n} with {@code with}. */
    private static String sentSms(SmsSenderHandler with, Notification n) {
        assertTrue(handle(with, n, 1).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        List<SmsSink.Sms> received = cloud.sms().messagesTo(n.destination());
        assertEquals(1, received.size(), received.toString());
        return received.get(0).message();
    }

    private static Matcher shortLink(String sms) {
        Matcher m = SHORT_LINK.matcher(sms);
        assertTrue(m.find(), "a short link in: " + sms);
        return m;
    }

    /** The short links stored for a registration's letter (a test-only scan: production reads by code only). */
    private static List<Map<String, AttributeValue>> shortLinksOf(String registrationId) {
        return cloud.dynamo().scanPaginator(s -> s.tableName(cloud.tableName("ShortLinksTable"))
                        .consistentRead(true).filterExpression("contains(#target, :id)")
                        .expressionAttributeNames(Map.of("#target", "target"))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(registrationId))))
                .items().stream().toList();
    }

    @Test
    void arabicConfirmationFitsTwoParts() {
        Notification n = queuedConfirmations(LanguagePreference.AR, mobile()).get(0);
        String sms = sentSms(production, n);
        SmsCount count = SmsCount.of(sms);
        assertEquals(SmsEncoding.UCS_2, count.encoding());
        assertEquals(2, count.parts(), count.units() + " units: " + sms);
        assertEquals(2, current(n).parts(), "the notice records what it costs");
        assertTrue(sms.startsWith("تأكيد التسجيل") && sms.contains("طنجة"), sms);
        Matcher link = shortLink(sms);
        assertEquals(PRODUCTION_BASE, link.group(1));
        assertEquals(ShortCodes.LENGTH, link.group(2).length());
        assertTrue(sms.endsWith(link.group()), "the link ends the SMS: " + sms);
        System.out.println("ar confirmation, " + PRODUCTION_BASE + ": " + count.parts() + " parts, " + count.units()
                + " units: " + sms);
    }

    @Test
    void frenchConfirmationFitsOneOrTwoParts() {
        Notification n = queuedConfirmations(LanguagePreference.FR, mobile()).get(0);
        String sms = sentSms(production, n);
        SmsCount count = SmsCount.of(sms);
        assertEquals(SmsEncoding.GSM_7BIT, count.encoding());
        assertTrue(count.parts() >= 1 && count.parts() <= 2, count.parts() + " parts: " + sms);
        assertEquals(count.parts(), current(n).parts());
        assertTrue(sms.startsWith("Inscription confirm") && sms.contains("Tanger"), sms);
        assertEquals(PRODUCTION_BASE, shortLink(sms).group(1));
        System.out.println("fr confirmation, " + PRODUCTION_BASE + ": " + count.parts() + " parts, " + count.units()
                + " units: " + sms);
    }

    /**
     * The link of the SMS names the signed letter link under the API's URL, which expires 14 days after the notice
     * was created, as the short link does.
     */
    @Test
    void theLinkOfAnSmsStandsForTheSignedLetterLinkAndExpiresWithIt() {
        Notification n = queuedConfirmations(LanguagePreference.FR, mobile()).get(0);
        String sms = sentSms(handler, n);
        Matcher link = shortLink(sms);
        String api = System.getProperty("PUBLIC_API_URL").replaceAll("/+$", "");
        assertEquals(api, link.group(1), "without ShortLinkBaseUrl, the API's URL");
        URI target = links.resolve(link.group(2), Instant.now()).orElseThrow();
        String prefix = api + "/api/public/letters/";
        assertTrue(target.toString().startsWith(prefix), target.toString());
        LetterTokens tokens = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        String token = target.toString().substring(prefix.length());
        Instant expiry = n.createdAt().plus(Duration.ofDays(14));
        assertEquals(new LetterTokens.Verified(n.registrationId(), 1),
                tokens.verifyDownload(token, Instant.now()).orElseThrow());
        assertTrue(tokens.verifyDownload(token, expiry.plusSeconds(1)).isEmpty());
        List<Map<String, AttributeValue>> stored = shortLinksOf(n.registrationId());
        assertEquals(1, stored.size());
        assertEquals(String.valueOf(expiry.getEpochSecond()), stored.get(0).get("expiresAt").n());
        assertTrue(links.resolve(link.group(2), expiry).isEmpty(), "the short link expires with its target");
    }

    /** The SNS publish throttled after the short link was written: the retry writes the same one and sends it. */
    @Test
    void theSameNoticeSentTwiceWritesOneShortLink() {
        Notification n = queuedConfirmations(LanguagePreference.AR, mobile()).get(0);
        cloud.smsFaults().failNext(10, new FaultInjector.Fault(400, "text/xml",
                "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                        + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>", null));
        assertEquals(1, handle(handler, n, 1).getBatchItemFailures().size(), "retried");
        List<Map<String, AttributeValue>> first = shortLinksOf(n.registrationId());
        assertEquals(1, first.size(), "written before the publish");
        cloud.smsFaults().failNext(0, null);
        assertTrue(handle(handler, n, 2).getBatchItemFailures().isEmpty());
        assertEquals(DeliveryStatus.SENT, current(n).status());
        assertEquals(first, shortLinksOf(n.registrationId()), "the same item, not a second one");
        String sms = cloud.sms().messagesTo(n.destination()).get(0).message();
        assertEquals(first.get(0).get("code").s(), shortLink(sms).group(2));
    }

    /** A person who reads both languages gets two SMS with one short link: the same letter, the same code. */
    @Test
    void bothLanguagesOfAnInviteeShareOneShortLink() {
        String mobile = mobile();
        List<Notification> notices = queuedConfirmations(LanguagePreference.BOTH, mobile);
        for (Notification n : notices) {
            assertTrue(handle(production, n, 1).getBatchItemFailures().isEmpty());
        }
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(2, received.size());
        assertEquals(shortLink(received.get(0).message()).group(2), shortLink(received.get(1).message()).group(2));
        assertEquals(1, shortLinksOf(notices.get(0).registrationId()).size());
        int parts = received.stream().mapToInt(s -> SmsCount.of(s.message()).parts()).sum();
        assertTrue(parts <= 4, parts + " parts for both languages: " + received);
        System.out.println("fr+ar confirmation, " + PRODUCTION_BASE + ": " + parts + " parts");
    }

    /**
     * The sample announcement's SMS (events/api/draft-announcement.json) to a French and Arabic reader, with a production
     * short link domain: each message is the organizers' text and the stop line, whose short link leads to the
     * unsubscribe page; what each costs.
     */
    @Test
    void theSampleAnnouncementSmsWithItsStopLink() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode draft = json.readTree(json.readTree(Files.readString(SampleData.file("api/draft-announcement.json")))
                .path("body").asText());
        Bilingual text = Bilingual.of(draft.path("sms").path("fr").asText(), draft.path("sms").path("ar").asText());
        AnnouncementTable announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        Instant now = Instant.now();
        Announcement a = Announcement.draft(announcements.nextNumber(), new AnnouncementDraft("assises-2024",
                        Bilingual.of("", ""), Bilingual.of("", ""), text, EnumSet.of(Channel.SMS), Audience.everyone()),
                "organisateur.dgct", now);
        announcements.create(a);
        assertTrue(announcements.schedule(a.number(), now, now) && announcements.startSending(a.number(), now));
        String mobile = mobile();
        String registration = queuedConfirmations(LanguagePreference.BOTH, mobile).get(0).registrationId();
        for (var language : LanguagePreference.BOTH.languages()) {
            Notification n = Notification.queued(registration, "assises-2024", NoticeKind.ANNOUNCEMENT, Channel.SMS,
                    a.number(), language, mobile, now);
            notifications.create(n);
            assertTrue(handle(production, n, 1).getBatchItemFailures().isEmpty());
            assertEquals(DeliveryStatus.SENT, current(n).status(), current(n).toString());
        }
        List<SmsSink.Sms> received = cloud.sms().messagesTo(mobile);
        assertEquals(2, received.size(), received.toString());
        String french = received.get(0).message();
        String arabic = received.get(1).message();
        assertTrue(french.startsWith(text.fr() + "\nSTOP annonces : " + PRODUCTION_BASE + "/l/"), french);
        assertTrue(arabic.startsWith(text.ar() + "\nإيقاف الإعلانات: " + PRODUCTION_BASE + "/l/"), arabic);
        Matcher stop = shortLink(french);
        assertEquals(stop.group(2), shortLink(arabic).group(2), "one number, one stop link");
        String api = System.getProperty("PUBLIC_API_URL").replaceAll("/+$", "");
        assertTrue(links.resolve(stop.group(2), Instant.now()).orElseThrow().toString()
                .startsWith(api + "/api/public/unsubscribe/" + registration + "."));
        SmsCount fr = SmsCount.of(french);
        SmsCount ar = SmsCount.of(arabic);
        assertEquals(SmsEncoding.GSM_7BIT, fr.encoding());
        assertEquals(SmsEncoding.UCS_2, ar.encoding());
        assertTrue(fr.parts() + ar.parts() <= 6, french + "\n" + arabic);
        System.out.println("sample announcement, " + PRODUCTION_BASE + ": fr " + fr.parts() + " part(s), " + fr.units()
                + " units; ar " + ar.parts() + " part(s), " + ar.units() + " units");
    }
}
