package io.convoc.core.notifications;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeResendTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemoryNotifications notices = new InMemoryNotifications();
    private final List<NoticeMessage> queued = new ArrayList<>();
    private final NoticeResend resend = new NoticeResend(notices, (channel, message) -> queued.add(message),
            Clock.fixed(AT, ZoneOffset.UTC));

    private Notification notice(DeliveryStatus status, String reason) {
        Notification q = Notification.queued("reg-1", "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null,
                "nadia@example.ma", AT.minusSeconds(3600));
        Notification n = new Notification(q.id(), q.registrationId(), q.eventId(), q.kind(), q.channel(),
                q.contentVersion(), q.language(), q.destination(), status, reason,
                status == DeliveryStatus.FAILED ? "ses-1" : null, null, 3, 1, q.createdAt(), q.updatedAt());
        notices.put(n);
        return n;
    }

    @Test
    void anUnknownNoticeAPersonSendsAgainIsQueuedWithWhatHappenedAndWhoDecided() {
        Notification n = notice(DeliveryStatus.UNKNOWN, "no answer from the provider after the hand-over");
        assertEquals(NoticeResend.Outcome.QUEUED_AGAIN, resend.resend("reg-1", n.id(), "local.organizer"));
        Notification now = notices.find("reg-1", n.id()).orElseThrow();
        assertEquals(DeliveryStatus.QUEUED, now.status());
        assertEquals("resent by local.organizer", now.statusReason());
        assertEquals("no answer from the provider after the hand-over", now.lastError());
        assertEquals(List.of(new NoticeMessage("reg-1", n.id())), queued);
    }

    @Test
    void aFailedNoticeForgetsTheProvidersIdOfTheEarlierTry() {
        Notification n = notice(DeliveryStatus.FAILED, "rejected by the provider");
        resend.resend("reg-1", n.id(), "local.organizer");
        assertNull(notices.find("reg-1", n.id()).orElseThrow().providerMessageId());
    }

    @Test
    void aDeliveredNoticeIsNotSentAgain() {
        for (DeliveryStatus status : List.of(DeliveryStatus.DELIVERED, DeliveryStatus.SENT, DeliveryStatus.SENDING,
                DeliveryStatus.BOUNCED, DeliveryStatus.SUPPRESSED, DeliveryStatus.CANCELLED)) {
            Notification n = notice(status, null);
            assertEquals(NoticeResend.Outcome.NOT_RESENDABLE, resend.resend("reg-1", n.id(), "x"), status.name());
            assertEquals(status, notices.find("reg-1", n.id()).orElseThrow().status());
        }
        assertTrue(queued.isEmpty());
    }

    @Test
    void askingTwiceQueuesItAgainButTheNoticeMovesOnce() {
        Notification n = notice(DeliveryStatus.UNKNOWN, "lost answer");
        resend.resend("reg-1", n.id(), "a");
        assertEquals(NoticeResend.Outcome.QUEUED_AGAIN, resend.resend("reg-1", n.id(), "b"));
        Notification now = notices.find("reg-1", n.id()).orElseThrow();
        assertEquals("resent by a", now.statusReason(), "the second request did not move it again");
        assertEquals(2, queued.size(), "a message lost between the two writes is made good");
    }

    @Test
    void noSuchNoticeIsSaidSo() {
        assertEquals(NoticeResend.Outcome.UNKNOWN_NOTICE, resend.resend("reg-1", "CONFIRMATION#EMAIL#v9#reg-1", "x"));
    }
}
