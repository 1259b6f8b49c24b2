package io.convoc.core.notifications;

import io.convoc.core.TestProgrammes;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.announcements.InMemoryAnnouncements;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The sender's claim as a lease, taken back when it runs out, and a send never repeated once accepted. */
class NoticeSenderTest {
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryNotifications notifications = new InMemoryNotifications();
    private final Map<String, String> suppressed = new HashMap<>();
    private final RecordingDeliverer deliverer = new RecordingDeliverer();
    private final NoticeSender sender = new NoticeSender(notifications, new OneRegistration(), new OneProgramme(),
            new Suppressions(), deliverer, clock, LEASE);

    private Notification queued() {
        Notification n = Notification.queued("reg-1", "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null,
                "nadia@example.ma", clock.instant());
        notifications.create(n);
        return n;
    }

    private Notification stored(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    private static NoticeMessage message(Notification n) {
        return new NoticeMessage(n.registrationId(), n.id());
    }

    /** A notice left SENDING by an attempt that died, as the store keeps it. */
    private Notification leftSending(Instant leaseUntil, Instant handedOverAt, String providerMessageId) {
        Notification q = queued();
        Notification n = new Notification(q.id(), q.registrationId(), q.eventId(), q.kind(), q.channel(),
                q.contentVersion(), q.language(), q.destination(), DeliveryStatus.SENDING, null, providerMessageId,
                null, 1, providerMessageId == null ? 0 : 1, q.createdAt(), q.createdAt(), leaseUntil, handedOverAt);
        notifications.put(n);
        return n;
    }

    @Test
    void theClaimIsALeaseThatEndsWhenTheNoticeIsSent() {
        Notification n = queued();
        deliverer.onDeliver = () -> {
            Notification during = stored(n);
            assertEquals(DeliveryStatus.SENDING, during.status());
            assertEquals(clock.instant().plus(LEASE), during.leaseUntil());
            assertEquals(clock.instant(), during.handedOverAt(), "the hand-over is noted before the provider call");
        };
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        Notification sent = stored(n);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("msg-1", sent.providerMessageId());
        assertEquals(1, sent.attempts());
        assertNull(sent.leaseUntil());
        assertEquals(1, deliverer.sent.size());
    }

    private Notification queued(String registrationId, String address, int version) {
        Notification n = Notification.queued(registrationId, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL,
                version, null, address, clock.instant());
        notifications.create(n);
        return n;
    }

    @Test
    void aBatchGivesEachMessageItsOwnOutcomeAndSendsEachNoticeOnce() {
        Notification first = queued("reg-1", "nadia@example.ma", 1);
        Notification second = queued("reg-2", "omar@example.ma", 1);
        Notification silenced = queued("reg-3", "bounced@example.ma", 1);
        suppressed.put("bounced@example.ma", "bounced: 550 5.1.1");
        Notification done = queued("reg-4", "done@example.ma", 1);
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(done)));
        NoticeMessage gone = new NoticeMessage("reg-5", "CONFIRMATION#EMAIL#v1");

        List<NoticeSender.Outcome> outcomes = sender.sendAll(List.of(message(first), message(second), message(first),
                message(silenced), message(done), gone));

        assertEquals(List.of(NoticeSender.Outcome.SENT, NoticeSender.Outcome.SENT,
                NoticeSender.Outcome.ALREADY_HANDLED, // the same message twice in a batch: read again, found SENT
                NoticeSender.Outcome.SUPPRESSED, NoticeSender.Outcome.ALREADY_HANDLED,
                NoticeSender.Outcome.ALREADY_HANDLED), outcomes);
        assertEquals(DeliveryStatus.SENT, stored(first).status());
        assertEquals(DeliveryStatus.SENT, stored(second).status());
        assertEquals(DeliveryStatus.SUPPRESSED, stored(silenced).status());
        assertEquals(3, deliverer.sent.size(), "done before the batch, then first and second: " + deliverer.sent);
    }

    @Test
    void aNoticeThatFailsInABatchIsRetriedAloneAndTheOthersAreSent() {
        Notification first = queued("reg-1", "nadia@example.ma", 1);
        Notification throttled = queued("reg-2", "omar@example.ma", 1);
        Notification third = queued("reg-3", "sara@example.ma", 1);
        deliverer.failOn = "omar@example.ma";
        deliverer.failure = DeliveryFailure.retryable("SES 429 TooManyRequestsException", null);

        List<NoticeSender.Outcome> outcomes = sender.sendAll(List.of(message(first), message(throttled),
                message(third)));

        assertEquals(List.of(NoticeSender.Outcome.SENT, NoticeSender.Outcome.RETRY, NoticeSender.Outcome.SENT),
                outcomes);
        assertEquals(DeliveryStatus.QUEUED, stored(throttled).status());
        assertEquals("SES 429 TooManyRequestsException", stored(throttled).lastError());
    }

    @Test
    void aNoticeClaimedElsewhereAfterTheBatchWasReadIsLeftToThatAttempt() {
        Notification first = queued("reg-1", "nadia@example.ma", 1);
        Notification raced = queued("reg-2", "omar@example.ma", 1);
        // while the first is sent, another attempt (a duplicate message) claims the second
        deliverer.onDeliver = () -> assertTrue(notifications.claim(raced.registrationId(), raced.id(),
                clock.instant().plus(LEASE), clock.instant()));

        List<NoticeSender.Outcome> outcomes = sender.sendAll(List.of(message(first), message(raced)));

        assertEquals(List.of(NoticeSender.Outcome.SENT, NoticeSender.Outcome.IN_FLIGHT), outcomes);
        assertEquals(1, deliverer.sent.size());
        assertEquals(DeliveryStatus.SENDING, stored(raced).status(), "the other attempt's to finish");
    }

    @Test
    void eachNoticeTakesItsUnitsFromTheSendingRateBeforeTheProviderIsCalled() {
        Notification n = queued();
        List<String> taken = new ArrayList<>();
        sender.limitedBy((channel, units, maxWait) -> {
            assertEquals(0, deliverer.sent.size(), "before the provider call");
            assertEquals(LEASE.dividedBy(3), maxWait, "no longer than a third of the lease");
            taken.add(channel + "×" + units);
            return true;
        });
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(List.of(n.channel() + "×1"), taken);
    }

    @Test
    void aSendGrantedInOneSecondButHandedOverInTheNextTakesTheNextSecondsUnitsToo() {
        Notification n = queued();
        List<Instant> grants = new ArrayList<>();
        sender.limitedBy((channel, units, maxWait) -> grants.add(clock.instant()));
        notifications.duringHandOver = () -> clock.advance(Duration.ofMillis(1100)); // a slow hand-over
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(2, grants.size(), "units of the second the provider is called in");
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aSendAboutToStartInTheLastMomentsOfItsGrantsSecondTakesTheNextSecondsUnits() {
        Notification n = queued();
        List<Instant> grants = new ArrayList<>();
        sender.limitedBy((channel, units, maxWait) -> grants.add(clock.instant()));
        notifications.duringHandOver = () -> clock.advance(Duration.ofMillis(970)); // .000 → .970
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(2, grants.size(), "it would reach the provider in the next second");
    }

    @Test
    void aSendHandedOverInTheSecondOfItsGrantTakesItsUnitsOnce() {
        Notification n = queued();
        List<Instant> grants = new ArrayList<>();
        sender.limitedBy((channel, units, maxWait) -> grants.add(clock.instant()));
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(1, grants.size());
    }

    @Test
    void aRateUsedUpForTooLongPutsTheNoticeBackForALaterAttemptWithoutCallingTheProvider() {
        Notification n = queued();
        sender.limitedBy((channel, units, maxWait) -> false);
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        Notification back = stored(n);
        assertEquals(DeliveryStatus.QUEUED, back.status());
        assertTrue(back.lastError().contains("sending rate"), back.lastError());
        assertNull(back.handedOverAt(), "the provider was never called: a later attempt may send it");
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void aSecondMessageWhileTheLeaseRunsSendsNothing() {
        Notification n = queued();
        // the duplicate is kept to check later (IN_FLIGHT), never dropped while the first might still fail
        deliverer.onDeliver = () -> assertEquals(NoticeSender.Outcome.IN_FLIGHT, sender.send(message(n)));
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aDuplicateThatMetTheNoticeInFlightSendsItWhenTheHolderPutItBack() {
        Notification n = queued();
        deliverer.failure = DeliveryFailure.retryable("SES 503", null);
        deliverer.onDeliver = () -> assertEquals(NoticeSender.Outcome.IN_FLIGHT, sender.send(message(n)));
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        assertEquals(DeliveryStatus.QUEUED, stored(n).status());
        deliverer.failure = null;
        // the duplicate comes back (it was kept): the notice is sent, once
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aRedrivenMessageSendsANoticeWhoseRetriesRanOutOnce() {
        Notification n = queued();
        deliverer.failure = DeliveryFailure.retryable("SES 503", null);
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        sender.giveUp(message(n));
        assertEquals(DeliveryStatus.FAILED, stored(n).status());
        deliverer.failure = null;
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)), "the redriven message");
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aNoticeThatFailedForAnotherReasonStaysFailedWhenItsMessageComesBack() {
        Notification n = queued();
        deliverer.failure = DeliveryFailure.permanent("SES 400 MessageRejected", null);
        assertEquals(NoticeSender.Outcome.FAILED, sender.send(message(n)));
        deliverer.failure = null;
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)));
        assertEquals(DeliveryStatus.FAILED, stored(n).status());
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void aCallWhoseAnswerWasLostIsUnknownAndItsMessageComingBackSendsNothing() {
        Notification n = queued();
        deliverer.failure = DeliveryFailure.answerLost("SES called, its answer lost (read timeout)", null);
        assertEquals(NoticeSender.Outcome.UNKNOWN, sender.send(message(n)));
        Notification unknown = stored(n);
        assertEquals(DeliveryStatus.UNKNOWN, unknown.status());
        assertTrue(unknown.statusReason().contains("answer lost"), unknown.statusReason());
        deliverer.failure = null;
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)), "the provider may have it");
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void aLeaseStillRunningIsLeftToItsHolder() {
        Notification n = leftSending(clock.instant().plusSeconds(30), null, null);
        assertEquals(NoticeSender.Outcome.IN_FLIGHT, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENDING, stored(n).status());
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void theRedeliveredMessageTakesBackALeaseThatRanOutBeforeTheProviderCallAndSendsOnce() {
        Notification n = leftSending(clock.instant().minusSeconds(1), null, null);
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENT, stored(n).status());
        assertEquals(2, stored(n).attempts());
        assertEquals(1, deliverer.sent.size());
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aNoticeClaimedBeforeLeasesExistedIsTakenBackToo() {
        Notification n = leftSending(null, null, null);
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aLeaseThatRanOutAfterTheProviderCallWithNoAnswerIsUnknownAndNotSentAgain() {
        Notification n = leftSending(clock.instant().minusSeconds(1), clock.instant().minusSeconds(50), null);
        assertEquals(NoticeSender.Outcome.UNKNOWN, sender.send(message(n)));
        Notification unknown = stored(n);
        assertEquals(DeliveryStatus.UNKNOWN, unknown.status());
        assertTrue(unknown.statusReason().contains("sent or not"), unknown.statusReason());
        assertEquals(0, deliverer.sent.size());
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)));
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void aProviderIdOnASendingNoticeOnlyLeavesTheStatusToWrite() {
        Notification n = leftSending(clock.instant().plusSeconds(30), clock.instant(), "ses-42");
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENT, stored(n).status());
        assertEquals("ses-42", stored(n).providerMessageId());
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void whenMarkSentFailsAfterTheProviderAcceptedTheNoticeStaysSendingAndTheRetryDoesNotSendAgain() {
        Notification n = queued();
        // the write of the id and SENT together, then each SENT after the id
        notifications.failMarkSent = 1 + NoticeSender.STATUS_WRITE_ATTEMPTS;
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        Notification pending = stored(n);
        assertEquals(DeliveryStatus.SENDING, pending.status(), "not back to QUEUED: the provider has it");
        assertEquals("msg-1", pending.providerMessageId(), "the provider's id is written before the status");
        assertEquals(1, deliverer.sent.size());

        // the queue brings the message back, later, possibly to another instance
        clock.advance(Duration.ofSeconds(5));
        NoticeSender other = new NoticeSender(notifications, new OneRegistration(), new OneProgramme(),
                new Suppressions(), deliverer, clock, LEASE);
        assertEquals(NoticeSender.Outcome.SENT, other.send(message(n)));
        assertEquals(DeliveryStatus.SENT, stored(n).status());
        assertEquals("msg-1", stored(n).providerMessageId());
        assertEquals(1, deliverer.sent.size(), "one send only");
    }

    @Test
    void whenNoStatusWriteWorksAfterAcceptanceTheSameInstanceStillKnowsTheProviderId() {
        Notification n = queued();
        notifications.failMarkSent = 1; // the id and SENT together
        notifications.failRecordAccepted = NoticeSender.STATUS_WRITE_ATTEMPTS; // then the id alone
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENDING, stored(n).status());
        assertNull(stored(n).providerMessageId());
        clock.advance(LEASE.plusSeconds(1)); // even past the lease, it is not UNKNOWN: the id was kept
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals("msg-1", stored(n).providerMessageId());
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aTransientStatusWriteFailureIsRetriedInPlace() {
        Notification n = queued();
        notifications.failMarkSent = 1;
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENT, stored(n).status());
        assertEquals(1, deliverer.sent.size());
    }

    @Test
    void aRetryableProviderFailureEndsTheLeaseAndRequeues() {
        Notification n = queued();
        deliverer.failure = DeliveryFailure.retryable("SES 429 throttled", null);
        assertEquals(NoticeSender.Outcome.RETRY, sender.send(message(n)));
        Notification back = stored(n);
        assertEquals(DeliveryStatus.QUEUED, back.status());
        assertNull(back.leaseUntil());
        assertNull(back.handedOverAt());
        deliverer.failure = null;
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(2, stored(n).attempts());
    }

    @Test
    void anAttemptWhoseLeaseWasTakenBackDoesNotCallTheProvider() {
        Notification n = queued();
        // the holder is slow: before it calls the provider, its lease runs out and another attempt takes it
        OneRegistration slow = new OneRegistration() {
            @Override
            public Optional<Registration> find(String id) {
                clock.advance(LEASE.plusSeconds(1));
                if (deliverer.sent.isEmpty() && stored(n).attempts() == 1) {
                    assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
                }
                return super.find(id);
            }
        };
        NoticeSender holder = new NoticeSender(notifications, slow, new OneProgramme(), new Suppressions(), deliverer,
                clock, LEASE);
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, holder.send(message(n)));
        assertEquals(1, deliverer.sent.size());
        assertEquals(DeliveryStatus.SENT, stored(n).status());
    }

    @Test
    void giveUpLeavesASendingNoticeToItsLease() {
        Notification n = leftSending(clock.instant().plusSeconds(30), clock.instant(), "ses-7");
        sender.giveUp(message(n));
        assertEquals(DeliveryStatus.SENDING, stored(n).status());
    }

    @Test
    void theReconcilerTakesBackEachKindOfExpiredLease() {
        List<NoticeMessage> requeued = new ArrayList<>();
        NoticeQueues queues = (channel, m) -> requeued.add(m);
        Notification neverCalled = leftSending(clock.instant().minusSeconds(10), null, null);
        Notification lostAnswer = leftSendingOther("reg-2", clock.instant().minusSeconds(10), clock.instant().minusSeconds(70), null);
        Notification accepted = leftSendingOther("reg-3", clock.instant().minusSeconds(10), clock.instant().minusSeconds(70), "ses-9");
        Notification running = leftSendingOther("reg-4", clock.instant().plusSeconds(10), clock.instant(), null);

        NoticeReconciler.Report report = new NoticeReconciler(notifications, queues, clock, 100).run();
        assertEquals(new NoticeReconciler.Report(1, 1, 1, 0), report);
        assertEquals(DeliveryStatus.QUEUED, stored(neverCalled).status());
        assertEquals(List.of(message(neverCalled)), requeued);
        assertEquals(DeliveryStatus.UNKNOWN, stored(lostAnswer).status());
        assertEquals(DeliveryStatus.SENT, stored(accepted).status());
        assertEquals("ses-9", stored(accepted).providerMessageId());
        assertEquals(DeliveryStatus.SENDING, stored(running).status());

        // the requeued message, and the original one coming back too: one send
        assertEquals(NoticeSender.Outcome.SENT, sender.send(requeued.get(0)));
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(neverCalled)));
        assertEquals(1, deliverer.sent.size());
        assertEquals(new NoticeReconciler.Report(0, 0, 0, 0), new NoticeReconciler(notifications, queues, clock, 100).run());
    }

    private Notification leftSendingOther(String registrationId, Instant lease, Instant handedOver, String pid) {
        Notification q = Notification.queued(registrationId, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1,
                null, registrationId + "@example.ma", clock.instant());
        Notification n = new Notification(q.id(), q.registrationId(), q.eventId(), q.kind(), q.channel(),
                q.contentVersion(), q.language(), q.destination(), DeliveryStatus.SENDING, null, pid, null, 1, 1,
                q.createdAt(), q.createdAt(), lease, handedOver);
        notifications.put(n);
        return n;
    }

    @Test
    void aSuppressedAddressIsNeverClaimed() {
        Notification n = queued();
        suppressed.put(n.destination(), "bounced: Permanent/General");
        assertEquals(NoticeSender.Outcome.SUPPRESSED, sender.send(message(n)));
        assertEquals(DeliveryStatus.SUPPRESSED, stored(n).status());
        assertEquals(0, stored(n).attempts());
        assertEquals(0, deliverer.sent.size());
        assertNotNull(stored(n).statusReason());
    }

    // ---- announcements: withdrawn when cancelled, right before the provider call

    private final InMemoryAnnouncements announcements = new InMemoryAnnouncements();

    private Notification queuedAnnouncement(AnnouncementState state) {
        announcements.put(InMemoryAnnouncements.announcement(7, state, clock.instant(), Set.of(Channel.EMAIL),
                Audience.everyone()));
        Notification n = Notification.queued("reg-1", "assises-2024", NoticeKind.ANNOUNCEMENT, Channel.EMAIL, 7, null,
                "nadia@example.ma", clock.instant());
        notifications.create(n);
        return n;
    }

    @Test
    void aNoticeOfACancelledAnnouncementEndsCancelledAndTheProviderIsNeverCalled() {
        sender.withdrawingCancelled(announcements);
        Notification n = queuedAnnouncement(AnnouncementState.SENDING);
        assertTrue(announcements.cancel(7, "by chef@example.ma", clock.instant()));
        deliverer.onDeliver = () -> fail("the provider was called for a cancelled announcement");
        assertEquals(NoticeSender.Outcome.CANCELLED, sender.send(message(n)));
        Notification cancelled = stored(n);
        assertEquals(DeliveryStatus.CANCELLED, cancelled.status());
        assertTrue(cancelled.statusReason().contains("cancelled"), cancelled.statusReason());
        assertNull(cancelled.handedOverAt());
        assertEquals(0, deliverer.sent.size());
        assertEquals(NoticeSender.Outcome.ALREADY_HANDLED, sender.send(message(n)), "redelivered: final");
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void aNoticeOfAnAnnouncementStillGoingOutIsSent() {
        sender.withdrawingCancelled(announcements);
        Notification n = queuedAnnouncement(AnnouncementState.SENDING);
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(n)));
        assertEquals(DeliveryStatus.SENT, stored(n).status());
        assertEquals(List.of(n.id()), deliverer.sent);
    }

    @Test
    void aCancellationAfterTheClaimStillStopsTheNoticeBeforeTheProvider() {
        Notification n = queuedAnnouncement(AnnouncementState.SENDING);
        OneRegistration cancelling = new OneRegistration() {
            @Override
            public Optional<Registration> find(String id) {
                assertEquals(DeliveryStatus.SENDING, stored(n).status(), "claimed already");
                announcements.cancel(7, "by chef@example.ma", clock.instant());
                return super.find(id);
            }
        };
        NoticeSender holder = new NoticeSender(notifications, cancelling, new OneProgramme(), new Suppressions(),
                deliverer, clock, LEASE).withdrawingCancelled(announcements);
        assertEquals(NoticeSender.Outcome.CANCELLED, holder.send(message(n)));
        assertEquals(DeliveryStatus.CANCELLED, stored(n).status());
        assertNull(stored(n).leaseUntil());
        assertEquals(0, deliverer.sent.size());
    }

    @Test
    void anAddressOptedOutOfAnnouncementsGetsNoAnnouncementButStillItsConfirmation() {
        sender.withdrawingCancelled(announcements);
        new Suppressions().optOutOfAnnouncements("Nadia@example.ma", clock.instant());
        Notification announcement = queuedAnnouncement(AnnouncementState.SENDING);
        Notification confirmation = queued();
        assertEquals(NoticeSender.Outcome.SUPPRESSED, sender.send(message(announcement)));
        assertEquals(DeliveryStatus.SUPPRESSED, stored(announcement).status());
        assertEquals(NoticeSender.Outcome.SENT, sender.send(message(confirmation)));
        assertEquals(List.of(confirmation.id()), deliverer.sent);
    }

    // ---- in-memory ports

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final class RecordingDeliverer implements Deliverer {
        final List<String> sent = new ArrayList<>();
        Runnable onDeliver;
        DeliveryFailure failure;
        /** Where {@link #failure} applies: this destination only, or every notice when null. */
        String failOn;

        @Override
        public Delivery deliver(Notification notification, Registration registration, Programme programme) {
            if (onDeliver != null) {
                Runnable r = onDeliver;
                onDeliver = null;
                r.run();
            }
            if (failure != null && (failOn == null || failOn.equals(notification.destination()))) {
                throw failure;
            }
            sent.add(notification.id());
            return new Delivery("msg-" + sent.size(), 1);
        }
    }

    final class Suppressions implements SuppressionList {
        @Override
        public Optional<String> reasonFor(String address) {
            return Optional.ofNullable(suppressed.get(address));
        }

        @Override
        public void suppress(String address, String reason, Instant at) {
            suppressed.put(address, reason);
        }
    }

    static final class OneProgramme implements ProgrammeRepository {
        @Override
        public Optional<Programme> find(String eventId) {
            return Optional.of(TestProgrammes.assises());
        }

        @Override
        public void save(Programme programme) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            throw new UnsupportedOperationException();
        }
    }

    static class OneRegistration implements RegistrationRepository {
        @Override
        public void create(Registration registration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Registration> find(String id) {
            Instant at = Instant.parse("2026-11-01T09:00:00Z");
            return Optional.of(new Registration(id, "assises-2024", Civility.MADAME,
                    new PersonName("Nadia", "Fassi", "نادية الفاسي"), "Experte", "خبيرة", Category.EXPERT,
                    "Université", null, id + "@example.ma", null, LanguagePreference.BOTH_AR_FIRST,
                    List.of("ws-numerique"), RegistrationSource.FORM, RegistrationStatus.RECEIVED, null,
                    new LetterInfo(1, "ANRA-2024/0042", "letters/x.pdf", "00", at), at, at));
        }

        @Override
        public Optional<String> findIdByEmail(String eventId, String email) {
            return Optional.empty();
        }

        @Override
        public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean recordLetter(String registrationId, int expectedPreviousVersion, LetterInfo letter, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean markScheduleChanged(String registrationId, int changeNumber, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordLetterFailure(String registrationId, String reason, Instant at) {
            throw new UnsupportedOperationException();
        }
    }
}
