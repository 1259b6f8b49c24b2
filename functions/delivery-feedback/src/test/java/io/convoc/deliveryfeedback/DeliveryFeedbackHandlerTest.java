package io.convoc.deliveryfeedback;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.convoc.aws.dynamo.NotificationTable;
import io.convoc.aws.dynamo.SuppressionTable;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SES events (the samples of events/sns) through the real handler onto notices stored in the local cloud. */
@ExtendWith(LocalCloudExtension.class)
class DeliveryFeedbackHandlerTest {
    private static NotificationTable notifications;
    private static SuppressionTable suppressions;
    private static DeliveryFeedbackHandler handler;

    @BeforeAll
    static void start(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        notifications = new NotificationTable(enhanced, cloud.dynamo(), cloud.tableName("NotificationsTable"));
        suppressions = new SuppressionTable(cloud.dynamo(), cloud.tableName("SuppressionsTable"));
        handler = new DeliveryFeedbackHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    /** A sent e-mail notice with its own SES message id. */
    private static Notification sentEmail() {
        String registration = UUID.randomUUID().toString();
        Notification n = Notification.queued(registration, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1,
                null, "person-" + registration + "@example.ma", Instant.now());
        notifications.create(n);
        notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENDING, null, null, Instant.now());
        notifications.markSent(n.registrationId(), n.id(), "0107-" + UUID.randomUUID(), 1, Instant.now());
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    private static void report(String sample, Notification n) {
        SNSEvent event = EventLoader.loadSNSEvent(SampleData.file("sns/" + sample).toString());
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        sns.setMessage(sns.getMessage().replace("010701936a1b2c3d-REPLACE-WITH-SES-MESSAGE-ID-000000",
                n.providerMessageId()).replace("fz.elidrissi@example.ma", n.destination()));
        handler.handleRequest(event, new LocalContext("DeliveryFeedbackFunction", 1024, 30));
    }

    private static Notification current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    @Test
    void aDeliveryEventMarksTheNoticeDelivered() {
        Notification n = sentEmail();
        report("ses-delivery.json", n);
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
    }

    @Test
    void aPermanentBounceMarksTheNoticeBouncedAndSuppressesTheAddress() {
        Notification n = sentEmail();
        report("ses-bounce-permanent.json", n);
        Notification bounced = current(n);
        assertEquals(DeliveryStatus.BOUNCED, bounced.status());
        assertTrue(bounced.statusReason().contains("550 5.1.1 user unknown"), bounced.statusReason());
        assertTrue(suppressions.reasonFor(n.destination().toUpperCase()).orElseThrow().startsWith("bounced"));
    }

    @Test
    void aTransientBounceLeavesTheNoticeSentWithANote() {
        Notification n = sentEmail();
        report("ses-bounce-transient.json", n);
        Notification stillSent = current(n);
        assertEquals(DeliveryStatus.SENT, stillSent.status());
        assertTrue(stillSent.statusReason().startsWith("transient bounce"), stillSent.statusReason());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
    }

    @Test
    void aComplaintMarksTheNoticeComplainedAndSuppressesTheAddress() {
        Notification n = sentEmail();
        report("ses-delivery.json", n);
        report("ses-complaint.json", n);
        assertEquals(DeliveryStatus.COMPLAINED, current(n).status());
        assertEquals("complaint", suppressions.reasonFor(n.destination()).orElseThrow());
    }

    @Test
    void unknownMessagesAndReportsOutOfOrderAreIgnoredSafely() {
        Notification unknown = Notification.queued("nobody", "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL,
                1, null, "nobody@example.ma", Instant.now());
        report("ses-delivery.json", new Notification(unknown.id(), unknown.registrationId(), unknown.eventId(),
                unknown.kind(), unknown.channel(), 1, null, unknown.destination(), DeliveryStatus.SENT, null,
                "never-sent-" + UUID.randomUUID(), null, 1, 1, Instant.now(), Instant.now()));

        Notification n = sentEmail();
        report("ses-bounce-permanent.json", n);
        report("ses-delivery.json", n); // a delivery report arriving after the bounce changes nothing
        assertEquals(DeliveryStatus.BOUNCED, current(n).status());

        SNSEvent garbage = EventLoader.loadSNSEvent(SampleData.file("sns/ses-delivery.json").toString());
        garbage.getRecords().get(0).getSNS().setMessage("{not json");
        handler.handleRequest(garbage, new LocalContext("DeliveryFeedbackFunction", 1024, 30));
    }
}
