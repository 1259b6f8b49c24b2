package io.convoc.deliveryfeedback;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.PendingReportTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryFeedback;
import io.convoc.core.notifications.DeliveryFeedback.Report;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.PendingReports.PendingReport;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SES events (the samples of events/sns) through the real handler onto notices stored in the local cloud. */
@ExtendWith(LocalCloudExtension.class)
class DeliveryFeedbackHandlerTest {
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\": \"([^\"]+)\"");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private static LocalCloud cloud;
    private static NotificationTable notifications;
    private static SuppressionTable suppressions;
    private static PendingReportTable pending;
    /** What the e-mail sender does right after markSent, on the same tables. */
    private static DeliveryFeedback sender;
    private static DeliveryFeedbackHandler handler;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        pending = new PendingReportTable(cloud.dynamo(), cloud.tableName("NotificationsTable"));
        sender = new DeliveryFeedback(notifications, suppressions, pending, Clock.systemUTC());
        handler = new DeliveryFeedbackHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    /** An e-mail notice claimed for sending (SENDING), to a fresh address. */
    private static Notification sending() {
        String registration = UUID.randomUUID().toString();
        Notification n = Notification.queued(registration, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1,
                null, "person-" + registration + "@example.ma", Instant.now());
        notifications.create(n);
        assertTrue(notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENDING, null, null,
                Instant.now()));
        return n;
    }

    /** A sent e-mail notice with this SES message id. */
    private static Notification sentEmail(String sesMessageId) {
        Notification n = sending();
        assertTrue(notifications.markSent(n.registrationId(), n.id(), sesMessageId, 1, Instant.now()));
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    private static Notification sentEmail() {
        return sentEmail("0107-" + UUID.randomUUID() + "-000000");
    }

    private static SNSEvent sample(String sample) {
        return EventLoader.loadSNSEvent(SampleData.file("sns/" + sample).toString());
    }

    private static String messageIdOf(String sample) {
        Matcher m = MESSAGE_ID.matcher(sample(sample).getRecords().get(0).getSNS().getMessage());
        assertTrue(m.find(), sample);
        return m.group(1);
    }

    /** The sample as shipped, unchanged: what {@code sam local invoke -e events/sns/<sample>} hands the function. */
    private static void invoke(SNSEvent event) {
        handler.handleRequest(event, new LocalContext("DeliveryFeedbackFunction", 1024, 30));
    }

    /** The sample about another mail: its message id replaced, its times now (unless kept as shipped). */
    private static void report(String sample, String sesMessageId, boolean now, Map<String, String> edits) {
        invoke(event(sample, sesMessageId, now, edits));
    }

    private static SNSEvent event(String sample, String sesMessageId, boolean now, Map<String, String> edits) {
        SNSEvent event = sample(sample);
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        String message = sns.getMessage().replace(messageIdOf(sample), sesMessageId);
        if (now) {
            message = TIMESTAMP.matcher(message).replaceAll(Instant.now().toString());
        }
        for (Map.Entry<String, String> e : edits.entrySet()) {
            assertTrue(message.contains(e.getKey()), e.getKey());
            message = message.replace(e.getKey(), e.getValue());
        }
        sns.setMessage(message);
        return event;
    }

    private static void report(String sample, Notification n) {
        report(sample, n.providerMessageId(), false, Map.of());
    }

    private static Notification current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    @Test
    void everySampleEventHasItsCase() throws IOException {
        try (Stream<Path> files = Files.list(SampleData.file("sns"))) {
            assertEquals(Set.of("ses-delivery.json", "ses-bounce-permanent.json", "ses-bounce-transient.json",
                            "ses-complaint.json", "ses-reject.json"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "a new sample under events/sns gets a row in everySampleEventAsShippedDrivesTheHandler");
        }
    }

    /** Each sample as shipped, onto a sent notice carrying the sample's own SES message id. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ses-delivery.json         | DELIVERED  | ''                                                | ''",
            "ses-bounce-permanent.json | BOUNCED    | Permanent/General: smtp; 550 5.1.1 user unknown   "
                    + "| bounced: Permanent/General: smtp; 550 5.1.1 user unknown",
            "ses-bounce-transient.json | SENT       | transient bounce: Transient/MailboxFull: smtp; 452 4.2.2 mailbox full"
                    + " | ''",
            "ses-complaint.json        | COMPLAINED | complaint: abuse                                  | complaint",
            "ses-reject.json           | FAILED     | rejected by SES: Bad content                      | ''"})
    void everySampleEventAsShippedDrivesTheHandler(String sample, DeliveryStatus status, String reason,
                                                   String suppression) {
        Notification n = sentEmail(messageIdOf(sample));
        invoke(sample(sample));
        Notification after = current(n);
        assertEquals(status, after.status());
        assertEquals(reason.isEmpty() ? null : reason, after.statusReason());
        assertEquals(suppression.isEmpty() ? Optional.empty() : Optional.of(suppression),
                suppressions.reasonFor(n.destination()));
        assertEquals(List.of(), pending.list(n.providerMessageId()), "applied at once, nothing kept");
    }

    /** SES's bounce types: every permanent one suppresses the address, transient and undetermined leave a note. */
    @ParameterizedTest
    @CsvSource({
            "Permanent, General, BOUNCED, true",
            "Permanent, NoEmail, BOUNCED, true",
            "Permanent, Suppressed, BOUNCED, true",
            "Permanent, OnAccountSuppressionList, BOUNCED, true",
            "Permanent, UnsupportedMailbox, BOUNCED, true",
            "Transient, General, SENT, false",
            "Transient, MailboxFull, SENT, false",
            "Transient, MessageTooLarge, SENT, false",
            "Transient, ContentRejected, SENT, false",
            "Transient, AttachmentRejected, SENT, false",
            "Undetermined, Undetermined, SENT, false"})
    void bounceTypesAfterSesDocumentation(String type, String subType, DeliveryStatus status, boolean suppressed) {
        Notification n = sentEmail();
        report("ses-bounce-permanent.json", n.providerMessageId(), false, Map.of(
                "\"bounceType\": \"Permanent\"", "\"bounceType\": \"" + type + "\"",
                "\"bounceSubType\": \"General\"", "\"bounceSubType\": \"" + subType + "\""));
        Notification after = current(n);
        assertEquals(status, after.status());
        assertTrue(after.statusReason().contains(type + "/" + subType), after.statusReason());
        if (!suppressed) {
            assertTrue(after.statusReason().startsWith("transient bounce: "), after.statusReason());
        }
        assertEquals(suppressed, suppressions.reasonFor(n.destination()).isPresent());
    }

    @Test
    void aComplaintAfterTheDeliveryMarksTheNoticeComplainedAndSuppressesTheAddress() throws Exception {
        Notification n = sentEmail();
        var metrics = io.convoc.localcloud.EmfLines.of(() -> {
            report("ses-delivery.json", n);
            assertEquals(DeliveryStatus.DELIVERED, current(n).status());
            report("ses-complaint.json", n);
            return null;
        });
        assertEquals(DeliveryStatus.COMPLAINED, current(n).status());
        assertEquals("complaint", suppressions.reasonFor(n.destination()).orElseThrow());
        // what the provider said, counted by CloudWatch from the function's log (Embedded Metric Format)
        assertEquals(1.0, io.convoc.localcloud.EmfLines.sum(metrics, "DeliveryReports",
                java.util.Map.of("Report", "DELIVERED", "Applied", "APPLIED")), metrics.toString());
        assertEquals(1.0, io.convoc.localcloud.EmfLines.sum(metrics, "DeliveryReports",
                java.util.Map.of("Report", "COMPLAINT", "Applied", "APPLIED")), metrics.toString());
    }

    @Test
    void aDeliveryReportAfterTheBounceChangesNothing() {
        Notification n = sentEmail();
        report("ses-bounce-permanent.json", n);
        report("ses-delivery.json", n);
        assertEquals(DeliveryStatus.BOUNCED, current(n).status());
        assertTrue(suppressions.reasonFor(n.destination()).orElseThrow().startsWith("bounced: Permanent/General"));
    }

    @Test
    void aBounceBeforeTheSendIsRecordedIsKeptThenAppliedWhenItIs() {
        Notification n = sending();
        String sesId = "0107-" + UUID.randomUUID() + "-000000";
        SNSEvent bounce = event("ses-bounce-permanent.json", sesId, true, Map.of());
        invoke(bounce);

        assertEquals(DeliveryStatus.SENDING, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()), "nothing to suppress yet");
        List<PendingReport> kept = pending.list(sesId);
        assertEquals(List.of(Report.PERMANENT_BOUNCE), kept.stream().map(PendingReport::report).toList());

        invoke(bounce); // SNS delivers it again: kept once
        assertEquals(1, pending.list(sesId).size());

        // the e-mail sender records the send, then applies what overtook it
        assertTrue(notifications.markSent(n.registrationId(), n.id(), sesId, 1, Instant.now()));
        sender.onSent(n.registrationId(), n.id());

        Notification bounced = current(n);
        assertEquals(DeliveryStatus.BOUNCED, bounced.status());
        assertTrue(bounced.statusReason().contains("550 5.1.1 user unknown"), bounced.statusReason());
        assertTrue(suppressions.reasonFor(n.destination()).orElseThrow().startsWith("bounced"));
        assertEquals(List.of(), pending.list(sesId), "applied, then forgotten");
    }

    @Test
    void aDeliveryBeforeTheSendIsRecordedEndsDelivered() {
        Notification n = sending();
        String sesId = "0107-" + UUID.randomUUID() + "-000000";
        report("ses-delivery.json", sesId, true, Map.of());
        assertEquals(DeliveryStatus.SENDING, current(n).status());

        notifications.markSent(n.registrationId(), n.id(), sesId, 1, Instant.now());
        sender.onSent(n.registrationId(), n.id());
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
    }

    @Test
    void aReportForAnUnknownMessageIsKeptForADayInTheNotificationsTable() {
        String sesId = "0107-" + UUID.randomUUID() + "-000000";
        Instant before = Instant.now();
        report("ses-complaint.json", sesId, true, Map.of());

        PendingReport kept = pending.list(sesId).get(0);
        assertEquals(Report.COMPLAINT, kept.report());
        assertEquals("complaint: abuse", kept.detail());
        assertEquals(kept.at().plus(Duration.ofDays(1)), kept.keptUntil());
        assertTrue(!kept.at().isBefore(before.minusSeconds(1)), kept.at().toString());
        // the table's TTL attribute (template.yaml) forgets it after the day
        Map<String, AttributeValue> item = cloud.dynamo().query(q -> q.tableName(cloud.tableName("NotificationsTable"))
                .keyConditionExpression("registrationId = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PENDING#" + sesId)))).items().get(0);
        assertEquals(String.valueOf(kept.keptUntil().getEpochSecond()), item.get("expiresAt").n());
    }

    @Test
    void anUnknownReportOlderThanADayIsDropped() {
        // the sample as shipped is dated 2024-11-20: about a message this table never knew, it is dropped
        long dropped = DeliveryFeedback.dropped();
        String sesId = messageIdOf("ses-delivery.json");
        SNSEvent event = sample("ses-delivery.json");
        String other = "0107-" + UUID.randomUUID() + "-000000";
        event.getRecords().get(0).getSNS().setMessage(event.getRecords().get(0).getSNS().getMessage()
                .replace(sesId, other));
        invoke(event);
        assertEquals(List.of(), pending.list(other));
        assertEquals(dropped + 1, DeliveryFeedback.dropped());
    }

    @Test
    void unreadableAndUnknownEventsChangeNothing() {
        Notification n = sentEmail();
        SNSEvent garbage = sample("ses-delivery.json");
        garbage.getRecords().get(0).getSNS().setMessage("{not json");
        assertDoesNotThrow(() -> invoke(garbage));

        // an event type this function does not follow (opens are not delivery reports)
        report("ses-delivery.json", n.providerMessageId(), true, Map.of("\"eventType\": \"Delivery\"",
                "\"eventType\": \"Open\""));
        // no mail.messageId at all
        report("ses-delivery.json", n.providerMessageId(), true, Map.of("\"messageId\"", "\"id\""));

        Notification after = current(n);
        assertEquals(DeliveryStatus.SENT, after.status());
        assertNull(after.statusReason());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
        assertEquals(List.of(), pending.list(n.providerMessageId()));
    }
}
