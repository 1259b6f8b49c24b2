package io.convoc.aws.dynamo;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementDraft;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Announcements on the DynamoDB emulator: states move only from where they may, the due index gives exactly the
 * due ones, and the counters move with the notices they count, once however often a write is repeated.
 */
@ExtendWith(LocalCloudExtension.class)
class AnnouncementTableTest {
    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    private static AnnouncementTable announcements;
    private static NotificationTable notifications;

    @BeforeAll
    static void start(LocalCloud cloud) {
        announcements = new AnnouncementTable(cloud.dynamo(), cloud.tableName("AnnouncementsTable"));
        notifications = new NotificationTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.dynamo(), cloud.tableName("NotificationsTable"), announcements);
    }

    private static Announcement newDraft() {
        Announcement a = Announcement.draft(announcements.nextNumber(), new AnnouncementDraft("assises-" + UUID.randomUUID(),
                        Bilingual.of("Rappel", "تذكير"), Bilingual.of("Bonjour ((name))", "مرحبا ((name))"),
                        Bilingual.of("", ""), EnumSet.of(Channel.EMAIL),
                        new Audience(Set.of(Category.EXPERT), Set.of(Region.ORIENTAL), Set.of("ws-numerique"),
                                Set.of(Language.AR), Set.of())),
                "organisateur.dgct", T);
        announcements.create(a);
        return a;
    }

    private static Announcement sending(Announcement a) {
        assertTrue(announcements.schedule(a.number(), T, T));
        assertTrue(announcements.startSending(a.number(), T));
        return announcements.find(a.number()).orElseThrow();
    }

    private static List<Notification> notices(Announcement a, int count) {
        return IntStream.range(0, count).mapToObj(i -> Notification.queued(UUID.randomUUID().toString(), a.eventId(),
                NoticeKind.ANNOUNCEMENT, Channel.EMAIL, a.number(), null, "n" + i + "@example.ma", T)).toList();
    }

    private static AnnouncementCounters counters(Announcement a) {
        return announcements.find(a.number()).orElseThrow().counters();
    }

    @Test
    void anAnnouncementReadsBackAsWrittenWithItsAudience() {
        Announcement a = newDraft();
        Announcement read = announcements.find(a.number()).orElseThrow();
        assertEquals(a, read);
        assertTrue(announcements.nextNumber() > a.number(), "numbers are never given twice");
    }

    @Test
    void statesMoveOnlyFromWhereTheyMay() {
        Announcement a = newDraft();
        assertFalse(announcements.startSending(a.number(), T), "a draft is not scheduled");
        assertTrue(announcements.schedule(a.number(), T.plusSeconds(60), T));
        assertFalse(announcements.schedule(a.number(), T.plusSeconds(60), T), "scheduled once");
        assertTrue(announcements.startSending(a.number(), T));
        assertFalse(announcements.startSending(a.number(), T), "a second fan-out does not start it again");
        assertTrue(announcements.cancel(a.number(), "by organisateur.dgct", T));
        assertFalse(announcements.cancel(a.number(), "again", T));
        Announcement cancelled = announcements.find(a.number()).orElseThrow();
        assertEquals(AnnouncementState.CANCELLED, cancelled.state());
        assertEquals("by organisateur.dgct", cancelled.stateReason());
        assertFalse(announcements.saveFanOut(a.number(), null, "x", false, T), "no fan-out after a cancellation");
    }

    @Test
    void theDueIndexGivesAScheduledAnnouncementFromItsTimeAndNotOnceStarted() {
        Announcement a = newDraft();
        Instant at = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertTrue(announcements.schedule(a.number(), at, T));
        assertFalse(announcements.due(at.minusMillis(1), 1000).stream().anyMatch(d -> d.number() == a.number()));
        assertTrue(announcements.due(at, 1000).stream().anyMatch(d -> d.number() == a.number()));
        assertTrue(announcements.startSending(a.number(), at));
        assertFalse(announcements.due(at.plusSeconds(60), 1000).stream().anyMatch(d -> d.number() == a.number()));
    }

    @Test
    void theFanOutPositionMovesOnlyFromWhereItWasSeen() {
        Announcement a = sending(newDraft());
        assertTrue(announcements.saveFanOut(a.number(), null, "page-2", false, T));
        assertFalse(announcements.saveFanOut(a.number(), null, "page-2", false, T), "a run that saw no position");
        assertTrue(announcements.saveFanOut(a.number(), "page-2", null, true, T));
        Announcement done = announcements.find(a.number()).orElseThrow();
        assertTrue(done.fanOutDone());
        assertEquals(null, done.fanOutCursor());
        assertFalse(announcements.saveFanOut(a.number(), null, null, true, T), "done is done");
    }

    @Test
    void noticesAreCountedOnceWhenTheirPageIsWrittenAgain() {
        Announcement a = sending(newDraft());
        List<Notification> page = new ArrayList<>(notices(a, 150));
        page.add(Notification.suppressed(UUID.randomUUID().toString(), a.eventId(), NoticeKind.ANNOUNCEMENT,
                Channel.EMAIL, a.number(), null, "gone@example.ma", "bounced", T));
        assertEquals(151, notifications.createAll(page).stream().filter(b -> b).count());
        AnnouncementCounters c = counters(a);
        assertEquals(151, c.targeted());
        assertEquals(150, c.queued());
        assertEquals(1, c.suppressed());
        assertEquals(150, c.outstanding());

        // the same page again, with ten new notices (a run killed after writing part of it)
        List<Notification> again = new ArrayList<>(page.subList(0, 40));
        again.addAll(notices(a, 10));
        List<Boolean> created = notifications.createAll(again);
        assertEquals(10, created.stream().filter(b -> b).count());
        assertTrue(created.subList(0, 40).stream().noneMatch(b -> b));
        assertEquals(161, counters(a).targeted());
        assertEquals(160, counters(a).outstanding());
    }

    @Test
    void eachStatusChangeCountsOnceAndTheLastOneOutFinishesTheAnnouncement() {
        Announcement a = sending(newDraft());
        List<Notification> page = notices(a, 3);
        notifications.createAll(page);
        assertTrue(announcements.saveFanOut(a.number(), null, null, true, T));

        Notification sent = page.get(0);
        assertTrue(notifications.claim(sent.registrationId(), sent.id(), T.plusSeconds(60), T));
        assertTrue(notifications.markSent(sent.registrationId(), sent.id(), "ses-1", 1, T));
        assertFalse(notifications.markSent(sent.registrationId(), sent.id(), "ses-1", 1, T), "a repeated write");
        assertTrue(notifications.transition(sent.registrationId(), sent.id(), DeliveryStatus.DELIVERED, null, null, T));
        assertFalse(notifications.transition(sent.registrationId(), sent.id(), DeliveryStatus.DELIVERED, null, null, T));
        // a transient bounce noted on a SENT notice: allowed, counted nowhere
        Notification noted = page.get(1);
        assertTrue(notifications.claim(noted.registrationId(), noted.id(), T.plusSeconds(60), T));
        assertTrue(notifications.markSent(noted.registrationId(), noted.id(), "ses-2", 1, T));
        assertTrue(notifications.transition(noted.registrationId(), noted.id(), DeliveryStatus.SENT, "transient bounce",
                null, T));

        AnnouncementCounters c = counters(a);
        assertEquals(2, c.sent());
        assertEquals(1, c.delivered());
        assertEquals(1, c.outstanding());
        assertEquals(AnnouncementState.SENDING, announcements.find(a.number()).orElseThrow().state());

        Notification cancelled = page.get(2);
        assertTrue(notifications.transition(cancelled.registrationId(), cancelled.id(), DeliveryStatus.CANCELLED,
                "announcement cancelled", null, T));
        c = counters(a);
        assertEquals(1, c.cancelled());
        assertEquals(0, c.outstanding());
        assertEquals(AnnouncementState.SENT, announcements.find(a.number()).orElseThrow().state(),
                "the fan-out is done and no notice is left with the senders");
    }

    @Test
    void inABatchTheLastNoticeOutFinishesTheAnnouncementWhenTheBatchEnds() {
        Announcement a = sending(newDraft());
        List<Notification> page = notices(a, 3);
        notifications.createAll(page);
        assertTrue(announcements.saveFanOut(a.number(), null, null, true, T));

        AnnouncementState during = notifications.inBatch(() -> {
            for (Notification n : page) {
                assertTrue(notifications.claim(n.registrationId(), n.id(), T.plusSeconds(60), T));
                assertTrue(notifications.markSent(n.registrationId(), n.id(), "ses-" + n.registrationId(), 1, T));
            }
            return announcements.find(a.number()).orElseThrow().state();
        });

        assertEquals(AnnouncementState.SENDING, during, "checked once, after the batch");
        assertEquals(0, counters(a).outstanding());
        assertEquals(AnnouncementState.SENT, announcements.find(a.number()).orElseThrow().state());
    }

    @Test
    void aNoticeWrittenBeforeNoticesBeganTheirHistoryStillMovesAndRecordsIt(LocalCloud cloud) {
        Announcement a = sending(newDraft());
        Notification legacy = notices(a, 1).get(0);
        Notification confirmation = Notification.queued(UUID.randomUUID().toString(), a.eventId(),
                NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null, "legacy@example.ma", T);
        var items = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build()
                .table(cloud.tableName("NotificationsTable"), NotificationItem.SCHEMA);
        // as the previous version wrote them: no history map
        items.putItem(NotificationItem.from(legacy));
        items.putItem(NotificationItem.from(confirmation));
        for (Notification n : List.of(legacy, confirmation)) {
            assertTrue(notifications.claim(n.registrationId(), n.id(), T.plusSeconds(60), T));
            assertTrue(notifications.markSent(n.registrationId(), n.id(), "ses-" + n.id().hashCode(), 1, T));
            var history = cloud.dynamo().getItem(g -> g.tableName(cloud.tableName("NotificationsTable"))
                    .key(java.util.Map.of("registrationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                    .fromS(n.registrationId()),
                            "notificationId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(n.id())))
                    .consistentRead(true)).item().get("history").m();
            assertTrue(history.containsKey("SENDING") && history.containsKey("SENT"), history.toString());
        }
        assertEquals(1, counters(a).sent());
    }

    @Test
    void aRedrivenNoticeIsWithTheSendersAgainAndNoLongerCountedFailed() {
        Announcement a = sending(newDraft());
        Notification n = notices(a, 1).get(0);
        notifications.createAll(List.of(n));
        assertTrue(notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED,
                "retries exhausted: SES 500", null, T));
        assertEquals(1, counters(a).failed());
        assertEquals(0, counters(a).outstanding());
        assertFalse(notifications.requeueRedriven(n.registrationId(), n.id(), "something else", T));
        assertTrue(notifications.requeueRedriven(n.registrationId(), n.id(), "retries exhausted", T));
        assertFalse(notifications.requeueRedriven(n.registrationId(), n.id(), "retries exhausted", T), "once");
        assertEquals(0, counters(a).failed());
        assertEquals(1, counters(a).outstanding());
        assertEquals(DeliveryStatus.QUEUED, notifications.find(n.registrationId(), n.id()).orElseThrow().status());
    }

    @Test
    void aFailedNoticeAPersonSendsAgainIsOutstandingAgainWithItsStoryKept() {
        Announcement a = sending(newDraft());
        Notification n = notices(a, 1).get(0);
        notifications.createAll(List.of(n));
        assertTrue(notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED,
                "rejected: MessageRejected", null, T));
        assertEquals(1, counters(a).failed());
        assertFalse(notifications.resend(n.registrationId(), n.id(), DeliveryStatus.UNKNOWN, "resent by x", T),
                "only from the status it has");
        assertTrue(notifications.resend(n.registrationId(), n.id(), DeliveryStatus.FAILED, "resent by x", T));
        assertFalse(notifications.resend(n.registrationId(), n.id(), DeliveryStatus.FAILED, "resent by x", T), "once");
        assertEquals(0, counters(a).failed());
        assertEquals(1, counters(a).outstanding());
        Notification now = notifications.find(n.registrationId(), n.id()).orElseThrow();
        assertEquals(DeliveryStatus.QUEUED, now.status());
        assertEquals("resent by x", now.statusReason());
        assertEquals("rejected: MessageRejected", now.lastError());
    }

    @Test
    void theListIsNewestFirstAndFiltersByEvent() {
        Announcement first = newDraft();
        Announcement second = newDraft();
        var page = announcements.list(null, null, 2);
        assertEquals(2, page.items().size());
        assertTrue(page.items().get(0).number() > page.items().get(1).number());
        var ofFirst = announcements.list(first.eventId(), null, 10);
        assertEquals(List.of(first.number()), ofFirst.items().stream().map(Announcement::number).toList());
        assertTrue(second.number() > first.number());
    }
}
