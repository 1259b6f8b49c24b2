package io.convoc.core.notifications;

import io.convoc.core.TestProgrammes;
import io.convoc.core.notifications.DeliveryFeedback.Outcome;
import io.convoc.core.notifications.DeliveryFeedback.Report;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.PendingReports;
import io.convoc.core.ports.PendingReports.PendingReport;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery-feedback state machine with its ports in memory: a report before the send is recorded is kept and
 * applied at {@code markSent}, one after is applied at once; a rejection fails the notice without suppressing the
 * address; a transient bounce leaves a note. (The real DynamoDB and SES events are in the delivery-feedback
 * function's tests on the local cloud.)
 */
class DeliveryFeedbackTest {
    private static final Instant AT = Instant.parse("2024-11-20T10:00:00Z");

    private Instant now = AT;
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };

    private final MemoryNotifications memory = new MemoryNotifications();
    private final NotificationRepository notifications = port(NotificationRepository.class, memory);
    private final Map<String, String> suppressed = new HashMap<>();
    private final SuppressionList suppressions = new SuppressionList() {
        public Optional<String> reasonFor(String address) {
            return Optional.ofNullable(suppressed.get(address));
        }

        public void suppress(String address, String reason, Instant at) {
            suppressed.put(address, reason);
        }
    };
    private final Map<String, PendingReport> kept = new LinkedHashMap<>();
    private final PendingReports pending = new PendingReports() {
        public void keep(PendingReport r) {
            kept.put(key(r), r);
        }

        public List<PendingReport> list(String providerMessageId) {
            return kept.values().stream().filter(r -> r.providerMessageId().equals(providerMessageId))
                    .sorted(Comparator.comparing(PendingReport::at)).toList();
        }

        public void remove(PendingReport r) {
            kept.remove(key(r));
        }

        private String key(PendingReport r) {
            return r.providerMessageId() + "|" + r.report() + "|" + r.at();
        }
    };
    private final DeliveryFeedback feedback = new DeliveryFeedback(notifications, suppressions, pending, clock);

    private Notification queued(String who) {
        Notification n = Notification.queued("reg-" + who, "assises-2024", NoticeKind.CONFIRMATION, Channel.EMAIL, 1,
                null, who + "@example.ma", AT);
        notifications.create(n);
        return n;
    }

    private Notification sending(String who) {
        Notification n = queued(who);
        assertTrue(notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENDING, null, null, now));
        return n;
    }

    private Notification sent(String who, String providerId) {
        Notification n = sending(who);
        assertTrue(notifications.markSent(n.registrationId(), n.id(), providerId, 1, now));
        return n;
    }

    private Notification current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).orElseThrow();
    }

    @Test
    void aBounceBeforeTheSendIsRecordedIsKeptThenAppliedAtMarkSent() {
        Notification n = sending("early");
        Outcome outcome = feedback.onReport("ses-early", Report.PERMANENT_BOUNCE, "Permanent/General: 550 5.1.1",
                AT.plusSeconds(3));
        assertEquals(Outcome.Kind.KEPT, outcome.kind());
        assertEquals(DeliveryStatus.SENDING, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
        assertEquals(1, kept.size());

        notifications.markSent(n.registrationId(), n.id(), "ses-early", 1, now);
        // as the sender calls it: with the id SES gave the send
        List<Outcome> applied = feedback.onSent(n.registrationId(), n.id(), "ses-early");

        assertEquals(List.of(new Outcome(Outcome.Kind.APPLIED, DeliveryStatus.BOUNCED)), applied);
        assertEquals(DeliveryStatus.BOUNCED, current(n).status());
        assertEquals("bounced: Permanent/General: 550 5.1.1", suppressions.reasonFor(n.destination()).orElseThrow());
        assertTrue(kept.isEmpty(), "an applied report is forgotten");
        assertEquals(List.of(), feedback.onSent(n.registrationId(), n.id(), "ses-early"), "applied once");
    }

    @Test
    void theSenderAppliesReportsThatOvertookItsSend() {
        // the race as it happens: SES answers the send, and its delivery report arrives before markSent
        Notification n = queued("race");
        Registration registration = new Registration(n.registrationId(), "assises-2024", null,
                new PersonName("Fatima", "El Idrissi", ""), "", "", Category.values()[0], "", null, n.destination(),
                null, null, List.of(), RegistrationSource.IMPORT, RegistrationStatus.RECEIVED, null, null, AT, AT);
        List<Outcome> early = new ArrayList<>();
        Deliverer ses = (notice, who, programme) -> {
            early.add(feedback.onReport("ses-race", Report.DELIVERED, "250 2.0.0 OK", now));
            early.add(feedback.onReport("ses-race", Report.COMPLAINT, "complaint: abuse", now.plusSeconds(60)));
            return new Deliverer.Delivery("ses-race", 1);
        };
        NoticeSender sender = new NoticeSender(notifications, port(RegistrationRepository.class, new Object() {
            public Optional<Registration> find(String id) {
                return Optional.of(registration);
            }
        }), port(ProgrammeRepository.class, new Object() {
            public Optional<io.convoc.core.event.Programme> find(String eventId) {
                return Optional.of(TestProgrammes.assises());
            }
        }), suppressions, ses, clock).applyingEarlyReports(feedback);

        assertEquals(NoticeSender.Outcome.SENT, sender.send(new NoticeMessage(n.registrationId(), n.id())));

        assertEquals(List.of(Outcome.Kind.KEPT, Outcome.Kind.KEPT), early.stream().map(Outcome::kind).toList());
        Notification after = current(n);
        assertEquals(DeliveryStatus.COMPLAINED, after.status(), "delivered, then complained about, in that order");
        assertEquals("ses-race", after.providerMessageId());
        assertEquals("complaint", suppressions.reasonFor(n.destination()).orElseThrow());
        assertTrue(kept.isEmpty());
    }

    @Test
    void aReportForASendingNoticeThatCarriesTheProviderIdAlreadyWaitsForSent() {
        Notification n = sending("accepted");
        memory.recordAccepted(n.registrationId(), n.id(), "ses-accepted", 1, now); // the id is written before SENT
        assertEquals(Outcome.Kind.KEPT, feedback.onReport("ses-accepted", Report.DELIVERED, "250 OK", now).kind());
        assertEquals(DeliveryStatus.SENDING, current(n).status());

        notifications.markSent(n.registrationId(), n.id(), "ses-accepted", 1, now);
        feedback.onSent(n.registrationId(), n.id());
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
        assertTrue(kept.isEmpty());
    }

    @Test
    void aReportAfterTheSendIsAppliedAtOnce() {
        Notification n = sent("late", "ses-late");
        Outcome outcome = feedback.onReport("ses-late", Report.DELIVERED, "250 OK", AT.plusSeconds(4));
        assertEquals(new Outcome(Outcome.Kind.APPLIED, DeliveryStatus.DELIVERED), outcome);
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
        assertTrue(kept.isEmpty());
    }

    @Test
    void aRejectionFailsTheNoticeWithItsReasonAndSuppressesNothing() {
        Notification n = sent("rejected", "ses-rejected");
        Outcome outcome = feedback.onReport("ses-rejected", Report.REJECTED, "rejected: Bad content", null);
        assertEquals(new Outcome(Outcome.Kind.APPLIED, DeliveryStatus.FAILED), outcome);
        assertEquals("rejected: Bad content", current(n).statusReason());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
    }

    @Test
    void aRejectionBeforeTheSendIsRecordedFailsItAtMarkSent() {
        Notification n = sending("rejected-early");
        assertEquals(Outcome.Kind.KEPT, feedback.onReport("ses-rej-early", Report.REJECTED, "rejected: Virus", null)
                .kind());
        notifications.markSent(n.registrationId(), n.id(), "ses-rej-early", 1, now);
        feedback.onSent(n.registrationId(), n.id());
        assertEquals(DeliveryStatus.FAILED, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
    }

    @Test
    void aTransientBounceLeavesANoteAndTheNoticeSent() {
        Notification n = sent("full", "ses-full");
        Outcome outcome = feedback.onReport("ses-full", Report.TRANSIENT_BOUNCE, "Transient/MailboxFull", null);
        assertEquals(new Outcome(Outcome.Kind.APPLIED, DeliveryStatus.SENT), outcome);
        assertEquals("transient bounce: Transient/MailboxFull", current(n).statusReason());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));

        feedback.onReport("ses-full", Report.DELIVERED, "250 OK", null); // delivered on a later try
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
    }

    @Test
    void aReportTwiceHasTheEffectOfOne() {
        Notification n = sending("twice");
        feedback.onReport("ses-twice", Report.DELIVERED, "250 OK", AT);
        feedback.onReport("ses-twice", Report.DELIVERED, "250 OK", AT);
        assertEquals(1, kept.size());
        notifications.markSent(n.registrationId(), n.id(), "ses-twice", 1, now);
        assertEquals(1, feedback.onSent(n.registrationId(), n.id()).size());
        assertEquals(DeliveryStatus.DELIVERED, current(n).status());
    }

    @Test
    void unknownReportsOlderThanADayAreDroppedAndCounted() {
        long before = DeliveryFeedback.dropped();
        now = AT.plus(Duration.ofDays(2));
        Outcome stale = feedback.onReport("ses-never", Report.PERMANENT_BOUNCE, "Permanent/General", AT);
        assertEquals(new Outcome(Outcome.Kind.DROPPED, null), stale);
        assertTrue(kept.isEmpty(), "not kept");

        // kept while young, then its send recorded after more than a day: dropped, not applied
        now = AT;
        Notification n = sending("slow");
        assertEquals(Outcome.Kind.KEPT, feedback.onReport("ses-slow", Report.PERMANENT_BOUNCE, "Permanent/General",
                AT).kind());
        now = AT.plus(Duration.ofHours(25));
        notifications.markSent(n.registrationId(), n.id(), "ses-slow", 1, now);
        assertEquals(List.of(new Outcome(Outcome.Kind.DROPPED, null)), feedback.onSent(n.registrationId(), n.id()));
        assertEquals(DeliveryStatus.SENT, current(n).status());
        assertEquals(Optional.empty(), suppressions.reasonFor(n.destination()));
        assertTrue(kept.isEmpty(), "a dropped report is forgotten");
        assertEquals(before + 2, DeliveryFeedback.dropped());
    }

    @Test
    void aReportForAMessageNeverSentStaysKeptAndChangesNothing() {
        Notification other = sent("other", "ses-other");
        assertEquals(Outcome.Kind.KEPT, feedback.onReport("ses-unknown", Report.COMPLAINT, "complaint", null).kind());
        assertEquals(DeliveryStatus.SENT, current(other).status());
        assertTrue(suppressed.isEmpty());
        PendingReport k = kept.values().iterator().next();
        assertEquals(AT.plus(DeliveryFeedback.PENDING_FOR), k.keptUntil());
        assertNull(current(other).statusReason());
    }

    // ------------------------------------------------------------------ the notices in memory

    /** Only the repository methods these tests use, behaving as the DynamoDB table does (conditional moves). */
    public static final class MemoryNotifications {
        private final Map<String, Notification> byId = new LinkedHashMap<>();

        public boolean create(Notification n) {
            return byId.putIfAbsent(n.id(), n) == null;
        }

        public Optional<Notification> find(String registrationId, String notificationId) {
            return Optional.ofNullable(byId.get(notificationId)).filter(n -> n.registrationId().equals(registrationId));
        }

        public Optional<Notification> findByProviderMessageId(String providerMessageId) {
            return byId.values().stream().filter(n -> providerMessageId.equals(n.providerMessageId())).findFirst();
        }

        public boolean transition(String registrationId, String notificationId, DeliveryStatus to, String reason,
                                  String providerMessageId, Instant at) {
            Notification n = byId.get(notificationId);
            if (n == null || !to.allowedFrom().contains(n.status())) {
                return false;
            }
            byId.put(n.id(), with(n, to, reason == null ? n.statusReason() : reason,
                    providerMessageId == null ? n.providerMessageId() : providerMessageId, at));
            return true;
        }

        public boolean markSent(String registrationId, String notificationId, String providerMessageId, int parts,
                                Instant at) {
            Notification n = byId.get(notificationId);
            if (n == null || n.status() != DeliveryStatus.SENDING) {
                return false;
            }
            byId.put(n.id(), with(n, DeliveryStatus.SENT, n.statusReason(), providerMessageId, at));
            return true;
        }

        public boolean claim(String registrationId, String notificationId, Instant leaseUntil, Instant at) {
            return transition(registrationId, notificationId, DeliveryStatus.SENDING, null, null, at);
        }

        public boolean handOver(String registrationId, String notificationId, Instant lease, Instant at) {
            return find(registrationId, notificationId).filter(n -> n.status() == DeliveryStatus.SENDING).isPresent();
        }

        /** The provider's id on the SENDING notice, before SENT. */
        public boolean recordAccepted(String registrationId, String notificationId, String providerMessageId,
                                      int parts, Instant at) {
            Notification n = byId.get(notificationId);
            if (n == null || n.status() != DeliveryStatus.SENDING) {
                return false;
            }
            byId.put(n.id(), with(n, DeliveryStatus.SENDING, n.statusReason(), providerMessageId, at));
            return true;
        }

        private static Notification with(Notification n, DeliveryStatus status, String reason, String providerId,
                                         Instant at) {
            return new Notification(n.id(), n.registrationId(), n.eventId(), n.kind(), n.channel(),
                    n.contentVersion(), n.language(), n.destination(), status, reason, providerId, n.lastError(),
                    n.attempts(), n.parts(), n.createdAt(), at);
        }
    }

    /**
     * A port backed by an object with some of its methods (same names and parameters): the others throw. Keeps the
     * tests compiling whatever methods the ports gain.
     */
    @SuppressWarnings("unchecked")
    static <T> T port(Class<T> type, Object impl) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(impl, args);
            }
            Method m;
            try {
                m = impl.getClass().getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                }
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            m.setAccessible(true);
            try {
                return m.invoke(impl, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
