package io.convoc.core.notifications;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.event.Programme;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SendingRate;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends one queued notice, at most once. Its claim is a lease: QUEUED → SENDING (conditional), owned until
 * {@code leaseUntil}; just before the provider call the holder notes the hand-over; once the provider accepted,
 * its id is written first and the status SENT after it. So a message delivered again (or the reconciler) can tell:
 * <ul>
 * <li>a provider id on a SENDING notice → only the status write is left: SENT, no second send;</li>
 * <li>a lease still running → another attempt owns it: nothing to do;</li>
 * <li>a lease run out before the hand-over → nothing reached the provider: taken back and sent;</li>
 * <li>a lease run out after the hand-over, no provider id → the provider's answer was lost: UNKNOWN, for a person
 * to look at (as GOV.UK Notify, nothing that may have reached the provider is sent again; SES and SNS have no
 * look-up of a message by our id, so we cannot prove it was not accepted).</li>
 * </ul>
 * A retryable failure puts the notice back to QUEUED for the queue's next attempt; a permanent one marks it
 * FAILED with the reason.
 */
public class NoticeSender {
    private static final Logger LOG = Logger.getLogger(NoticeSender.class.getName());
    /** Default lease: twice a provider call's timeout (the SDK's, with its retries) and some margin. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    static final int STATUS_WRITE_ATTEMPTS = 3;
    /**
     * How the reason of a notice whose queue gave up begins: only such a FAILED notice is sent again when its message
     * is redriven from the dead-letter queue (a rejected or unwritable one stays FAILED).
     */
    public static final String RETRIES_EXHAUSTED = "retries exhausted";

    private final NotificationRepository notifications;
    private final RegistrationRepository registrations;
    private final ProgrammeRepository programmes;
    private final SuppressionList suppressions;
    private final Deliverer deliverer;
    private final Clock clock;
    private final Duration lease;
    /** Delivery reports that overtook the send, applied once it is recorded; null where none can arrive (SMS). */
    private volatile DeliveryFeedback feedback;
    /** The provider's rate shared by every sender instance; null: unlimited. */
    private volatile SendingRate rate;
    /** Where announcement notices look up a cancellation; null where no announcement is sent. */
    private volatile AnnouncementRepository announcements;
    /** What a provider accepted whose recording failed, kept for a later attempt in this instance. */
    private final Map<String, Deliverer.Delivery> accepted = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deliverer.Delivery> eldest) {
                    return size() > 1000;
                }
            });

    public NoticeSender(NotificationRepository notifications, RegistrationRepository registrations,
                        ProgrammeRepository programmes, SuppressionList suppressions, Deliverer deliverer, Clock clock) {
        this(notifications, registrations, programmes, suppressions, deliverer, clock, DEFAULT_LEASE);
    }

    public NoticeSender(NotificationRepository notifications, RegistrationRepository registrations,
                        ProgrammeRepository programmes, SuppressionList suppressions, Deliverer deliverer, Clock clock,
                        Duration lease) {
        this.notifications = notifications;
        this.registrations = registrations;
        this.programmes = programmes;
        this.suppressions = suppressions;
        this.deliverer = deliverer;
        this.clock = clock;
        this.lease = lease;
    }

    public enum Outcome {
        SENT,
        /** Nothing to do: already sent, or in a final status (a duplicate message). */
        ALREADY_HANDLED,
        /**
         * Another attempt holds the notice's lease (a duplicate message, delivered while the first is handled): this
         * message must come back later to check, since that attempt may yet put the notice back to QUEUED, and
         * then nothing else would send it.
         */
        IN_FLIGHT,
        SUPPRESSED,
        FAILED,
        /** A retryable failure: the queue should deliver the message again later. */
        RETRY,
        /** The provider was called but its answer was lost: the notice is UNKNOWN, not sent again. */
        UNKNOWN,
        /** Its announcement was cancelled before the provider was called: CANCELLED, never sent. */
        CANCELLED
    }

    public Outcome send(NoticeMessage message) {
        return send(message, new Lookups());
    }

    /**
     * A queue's batch: what the notices' handling reads before their claims (the notices, their registrations and
     * suppressions, their events' programmes and announcements) is read together, with batch reads where the store
     * has them; then each notice goes through {@link #send(NoticeMessage)}'s steps, its writes its own. A failure of
     * one notice's handling is that notice's RETRY alone.
     *
     * @return each message's outcome, in the order given
     */
    public List<Outcome> sendAll(List<NoticeMessage> messages) {
        return notifications.inBatch(() -> sendEach(messages));
    }

    private List<Outcome> sendEach(List<NoticeMessage> messages) {
        Lookups lookups;
        try {
            lookups = new Lookups(messages);
        } catch (RuntimeException e) {
            LOG.warning(() -> "batch reads failed (" + e + "): each notice read on its own");
            lookups = new Lookups();
        }
        List<Outcome> outcomes = new java.util.ArrayList<>(messages.size());
        for (NoticeMessage message : messages) {
            Outcome outcome;
            try {
                outcome = send(message, lookups);
            } catch (RuntimeException e) {
                LOG.warning(() -> "notice " + message.notificationId() + ": " + e);
                outcome = Outcome.RETRY;
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Outcome send(NoticeMessage message, Lookups lookups) {
        Optional<Notification> found = lookups.notice(message);
        if (found.isEmpty()) {
            return Outcome.ALREADY_HANDLED;
        }
        Notification n = found.get();
        if (n.status() == DeliveryStatus.FAILED && n.statusReason() != null
                && n.statusReason().startsWith(RETRIES_EXHAUSTED)) {
            // its message is back from the dead-letter queue (a redrive, once the outage is over): one more round
            if (!notifications.requeueRedriven(n.registrationId(), n.id(), RETRIES_EXHAUSTED, clock.instant())) {
                return Outcome.ALREADY_HANDLED;
            }
            LOG.info(() -> "notice " + n.id() + ": redriven after its retries ran out, queued again");
            return send(message);
        }
        if (n.status() == DeliveryStatus.SENDING) {
            return resume(n);
        }
        if (n.status() != DeliveryStatus.QUEUED) {
            return Outcome.ALREADY_HANDLED;
        }
        Optional<String> suppressed = lookups.suppression(n);
        if (suppressed.isPresent()) {
            notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SUPPRESSED, suppressed.get(), null,
                    clock.instant());
            return Outcome.SUPPRESSED;
        }
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(lease);
        if (!notifications.claim(n.registrationId(), n.id(), leaseUntil, now)) {
            return Outcome.IN_FLIGHT; // claimed by another attempt between our read and our claim
        }
        return deliver(n, leaseUntil, lookups);
    }

    /** A SENDING notice met again: finish what its provider accepted, or take back a lease that ran out. */
    private Outcome resume(Notification n) {
        if (n.providerMessageId() != null) {
            return finishSent(n, new Deliverer.Delivery(n.providerMessageId(), Math.max(1, n.parts())));
        }
        Deliverer.Delivery kept = accepted.get(n.id());
        if (kept != null) {
            return finishSent(n, kept);
        }
        Instant now = clock.instant();
        if (n.leaseUntil() != null && n.leaseUntil().isAfter(now)) {
            return Outcome.IN_FLIGHT; // another attempt owns it; if it dies, its lease runs out
        }
        if (n.handedOverAt() != null) {
            return notifications.releaseExpired(n.registrationId(), n.id(), n.leaseUntil(), DeliveryStatus.UNKNOWN,
                    unknownReason(n), now) ? Outcome.UNKNOWN : Outcome.ALREADY_HANDLED;
        }
        Instant leaseUntil = now.plus(lease);
        if (!notifications.takeBack(n.registrationId(), n.id(), n.leaseUntil(), leaseUntil, now)) {
            return Outcome.ALREADY_HANDLED;
        }
        LOG.info(() -> "notice " + n.id() + ": lease run out before the provider was called, taken back");
        return deliver(n, leaseUntil, new Lookups());
    }

    static String unknownReason(Notification n) {
        return "provider called at " + n.handedOverAt() + ", its answer lost (lease ran out at " + n.leaseUntil()
                + "): sent or not, to look at";
    }

    private Outcome deliver(Notification n, Instant leaseUntil, Lookups lookups) {
        Deliverer.Delivery delivery;
        try {
            Registration registration = lookups.registration(n.registrationId()).orElseThrow(() ->
                    DeliveryFailure.permanent("registration " + n.registrationId() + " no longer exists", null));
            Programme programme = lookups.programme(registration.eventId()).orElseThrow(() ->
                    DeliveryFailure.permanent("event " + registration.eventId() + " no longer exists", null));
            Optional<String> withdrawn = withdrawn(n, lookups);
            if (withdrawn.isPresent()) {
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.CANCELLED, withdrawn.get(), null,
                        clock.instant());
                return Outcome.CANCELLED;
            }
            // written first, so that only the provider call remains after the rate and the hand-over
            Deliverer.Prepared prepared = deliverer.prepare(n, registration, programme);
            long grantedAt = 0;
            if (rate != null) {
                if (!takeUnits(n, prepared)) {
                    return Outcome.RETRY;
                }
                grantedAt = clock.millis();
            }
            if (!notifications.handOver(n.registrationId(), n.id(), leaseUntil, clock.instant())) {
                return Outcome.ALREADY_HANDLED; // our lease ran out and another attempt took it back
            }
            // units are a second's: a hand-over slow enough to end in the next second takes that second's units, or
            // the provider would count this send on top of the next second's own (seen at the SES emulator under load)
            if (rate != null && !SendingRate.stillGranted(grantedAt, clock.millis()) && !takeUnits(n, prepared)) {
                return Outcome.RETRY;
            }
            delivery = prepared.send();
        } catch (DeliveryFailure e) {
            if (e.answerLost()) {
                // as a lease run out after the hand-over: the provider may have it, so never sent again
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.UNKNOWN, e.getMessage(), null,
                        clock.instant());
                return Outcome.UNKNOWN;
            }
            if (e.retryable()) {
                notifications.retryLater(n.registrationId(), n.id(), e.getMessage(), clock.instant());
                return Outcome.RETRY;
            }
            notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED, e.getMessage(), null,
                    clock.instant());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            // anything unforeseen before the provider answered (a network error…) may pass on a later try
            notifications.retryLater(n.registrationId(), n.id(), e.toString(), clock.instant());
            return Outcome.RETRY;
        }
        return finishSent(n, delivery);
    }

    /** The notice's units from the provider's rate, waiting up to a third of the lease; else back to QUEUED. */
    private boolean takeUnits(Notification n, Deliverer.Prepared prepared) {
        Duration maxWait = lease.dividedBy(3);
        if (rate.acquire(n.channel(), prepared.units(), maxWait)) {
            return true;
        }
        notifications.retryLater(n.registrationId(), n.id(), "the " + n.channel() + " sending rate was used up for"
                + " longer than " + maxWait.toSeconds() + " s", clock.instant());
        return false;
    }

    /**
     * The provider accepted: record its id, then SENT, each write retried here; never send again. If they keep
     * failing, the notice stays SENDING (the id kept in memory too) and the message comes back for the writes only.
     */
    private Outcome finishSent(Notification n, Deliverer.Delivery delivery) {
        accepted.put(n.id(), delivery);
        try {
            // the usual case in one write: the id and SENT together (conditional on SENDING, as each of the two)
            if (notifications.markSent(n.registrationId(), n.id(), delivery.providerMessageId(), delivery.parts(),
                    clock.instant())) {
                accepted.remove(n.id());
                applyEarlyReports(n, delivery);
                return Outcome.SENT;
            }
        } catch (RuntimeException e) {
            LOG.info(() -> "notice " + n.id() + ": SENT not written at once (" + e + "), the provider id first");
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
            try {
                Instant now = clock.instant();
                if (!notifications.recordAccepted(n.registrationId(), n.id(), delivery.providerMessageId(),
                        delivery.parts(), now)) {
                    // no longer SENDING: already SENT by another attempt, or declared UNKNOWN meanwhile
                    if (notifications.find(n.registrationId(), n.id()).map(Notification::status)
                            .orElse(null) == DeliveryStatus.UNKNOWN) {
                        notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENT,
                                "accepted by the provider after its lease ran out", delivery.providerMessageId(), now);
                        applyEarlyReports(n, delivery);
                    }
                    accepted.remove(n.id());
                    return Outcome.ALREADY_HANDLED;
                }
                notifications.markSent(n.registrationId(), n.id(), delivery.providerMessageId(), delivery.parts(), now);
                accepted.remove(n.id());
                applyEarlyReports(n, delivery);
                return Outcome.SENT;
            } catch (RuntimeException e) {
                last = e;
                pause(attempt);
            }
        }
        String error = String.valueOf(last);
        LOG.warning(() -> "notice " + n.id() + " accepted by the provider as " + delivery.providerMessageId()
                + " but its status could not be written (" + error + "): left SENDING, the next attempt writes it");
        return Outcome.RETRY;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The queue gave up on a message (its dead-letter queue): the notice shows FAILED with the last error. */
    public void giveUp(NoticeMessage message) {
        notifications.find(message.registrationId(), message.notificationId()).ifPresent(n -> {
            // a SENDING notice is left to its lease: the provider may have accepted it (see resume)
            if (!n.status().isFinal() && n.status() != DeliveryStatus.SENT && n.status() != DeliveryStatus.SENDING) {
                String reason = RETRIES_EXHAUSTED + (n.lastError() == null ? "" : ": " + n.lastError());
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED, reason, null,
                        clock.instant());
            }
        });
    }

    /**
     * Takes each notice's units (an e-mail, an SMS's parts) from the provider's rate right before the provider is
     * called, waiting for them up to a third of the lease; longer, the notice is retried later.
     */
    public NoticeSender limitedBy(SendingRate rate) {
        this.rate = rate;
        return this;
    }

    /**
     * Announcement notices are checked against their announcement right before the provider call: a cancellation
     * stops every notice not handed over yet.
     */
    public NoticeSender withdrawingCancelled(AnnouncementRepository announcements) {
        this.announcements = announcements;
        return this;
    }

    private Optional<String> withdrawn(Notification n, Lookups lookups) {
        if (n.kind() != NoticeKind.ANNOUNCEMENT || announcements == null) {
            return Optional.empty();
        }
        Optional<Announcement> announcement = lookups.announcement(n.contentVersion());
        if (announcement.isEmpty()) {
            return Optional.of("announcement " + n.contentVersion() + " no longer exists");
        }
        return announcement.filter(a -> a.state() == AnnouncementState.CANCELLED)
                .map(a -> "announcement " + a.id() + " cancelled" + (a.stateReason() == null ? "" : ": " + a.stateReason()));
    }

    /**
     * Where the provider reports on a send (SES events), a report can arrive before the send is recorded: the
     * feedback keeps it, and this sender applies it right after {@code markSent}.
     */
    public NoticeSender applyingEarlyReports(DeliveryFeedback feedback) {
        this.feedback = feedback;
        return this;
    }

    private void applyEarlyReports(Notification n, Deliverer.Delivery delivery) {
        if (feedback != null) {
            // never throws: a report not applied stays kept
            feedback.onSent(n.registrationId(), n.id(), delivery.providerMessageId());
        }
    }

    /**
     * What a notice's handling reads before its claim. Alone, each read goes to its repository. For a batch they are
     * read together first: each notice's own record is served once (a second message for the same notice, or a
     * second look, reads it again), a batch's programme and announcement once for all its notices (so a cancellation
     * reaches the notices of the batches that start after it).
     */
    private final class Lookups {
        private final Map<NoticeMessage, Notification> notices = new java.util.HashMap<>();
        private final java.util.Set<NoticeMessage> absent = new java.util.HashSet<>();
        private final Map<String, Registration> registrationsById = new java.util.HashMap<>();
        private final Map<String, Optional<String>> suppressed = new java.util.HashMap<>();
        private final Map<String, Optional<Programme>> programmesByEvent;
        private final Map<Integer, Optional<Announcement>> announcementsByNumber;

        /** Each read on its own. */
        Lookups() {
            this.programmesByEvent = null;
            this.announcementsByNumber = null;
        }

        Lookups(List<NoticeMessage> messages) {
            this.programmesByEvent = new java.util.HashMap<>();
            this.announcementsByNumber = new java.util.HashMap<>();
            List<Notification> found = notifications.findAll(new java.util.LinkedHashSet<>(messages));
            Map<String, Notification> byKey = new java.util.HashMap<>();
            found.forEach(n -> byKey.put(n.registrationId() + "/" + n.id(), n));
            for (NoticeMessage m : messages) {
                Notification n = byKey.get(m.registrationId() + "/" + m.notificationId());
                if (n == null) {
                    absent.add(m);
                } else {
                    notices.put(m, n);
                }
            }
            List<Notification> queued = found.stream().filter(n -> n.status() == DeliveryStatus.QUEUED).toList();
            registrations.findAll(queued.stream().map(Notification::registrationId)
                    .collect(java.util.stream.Collectors.toSet())).forEach(r -> registrationsById.put(r.id(), r));
            queued.stream().collect(java.util.stream.Collectors.groupingBy(Notification::kind)).forEach((kind, ns) -> {
                Map<String, String> reasons = suppressions.reasonsFor(ns.stream().map(Notification::destination)
                        .collect(java.util.stream.Collectors.toSet()), kind);
                ns.forEach(n -> suppressed.put(kind + "/" + n.destination(),
                        Optional.ofNullable(reasons.get(n.destination()))));
            });
        }

        Optional<Notification> notice(NoticeMessage m) {
            Notification n = notices.remove(m);
            if (n != null) {
                return Optional.of(n);
            }
            if (absent.remove(m)) {
                return Optional.empty();
            }
            return notifications.find(m.registrationId(), m.notificationId());
        }

        Optional<String> suppression(Notification n) {
            Optional<String> known = suppressed.get(n.kind() + "/" + n.destination());
            return known != null ? known : suppressions.reasonFor(n.destination(), n.kind());
        }

        Optional<Registration> registration(String id) {
            Registration r = registrationsById.get(id);
            return r != null ? Optional.of(r) : registrations.find(id);
        }

        Optional<Programme> programme(String eventId) {
            return programmesByEvent == null ? programmes.find(eventId)
                    : programmesByEvent.computeIfAbsent(eventId, programmes::find);
        }

        Optional<Announcement> announcement(int number) {
            return announcementsByNumber == null ? announcements.find(number)
                    : announcementsByNumber.computeIfAbsent(number, announcements::find);
        }
    }
}
