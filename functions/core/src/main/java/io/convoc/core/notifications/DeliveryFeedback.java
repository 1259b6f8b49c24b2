package io.convoc.core.notifications;

import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.PendingReports;
import io.convoc.core.ports.PendingReports.PendingReport;
import io.convoc.core.ports.SuppressionList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the provider later says about a sent notice: delivered, bounced, complained, rejected. A permanent
 * bounce or a complaint also suppresses the address; a rejection (the provider refused the content) fails the
 * notice and suppresses nothing; a transient bounce leaves a note and the notice SENT.
 *
 * <p>A report may overtake the send it is about (the provider answers, its report arrives, and only then is
 * the send recorded): a report for an unknown message id is kept, pending, and applied by {@link #onSent}
 * when the send is recorded. A report still unknown a day after it happened is dropped, with a log line and a
 * count. Every step is idempotent, so a report delivered twice, or applied by both sides of the race, has the
 * effect of one.
 */
public class DeliveryFeedback {
    /** How long a report for an unknown message is kept waiting for its send to be recorded. */
    public static final Duration PENDING_FOR = Duration.ofDays(1);

    private static final System.Logger LOG = System.getLogger(DeliveryFeedback.class.getName());
    private static final AtomicLong DROPPED = new AtomicLong();

    private final NotificationRepository notifications;
    private final SuppressionList suppressions;
    private final PendingReports pending;
    private final Clock clock;

    public DeliveryFeedback(NotificationRepository notifications, SuppressionList suppressions,
                            PendingReports pending, Clock clock) {
        this.notifications = notifications;
        this.suppressions = suppressions;
        this.pending = pending;
        this.clock = clock;
    }

    public enum Report { DELIVERED, PERMANENT_BOUNCE, TRANSIENT_BOUNCE, COMPLAINT, REJECTED }

    /** What became of a report. */
    public record Outcome(Kind kind, DeliveryStatus status) {
        public enum Kind {
            /** applied to the notice, which is now in {@code status} */
            APPLIED,
            /** the send of this message id is not recorded yet (no notice has it, or one still SENDING): kept */
            KEPT,
            /** unknown, and older than {@link #PENDING_FOR}: forgotten */
            DROPPED
        }

        static Outcome applied(DeliveryStatus status) {
            return new Outcome(Kind.APPLIED, status);
        }
    }

    /** @param at when the provider says it happened, or null (now) */
    public Outcome onReport(String providerMessageId, Report report, String detail, Instant at) {
        Instant now = clock.instant();
        Instant when = at == null ? now : at;
        Optional<Notification> found = notifications.findByProviderMessageId(providerMessageId);
        if (found.isPresent() && recorded(found.get())) {
            return Outcome.applied(apply(found.get(), report, detail, when));
        }
        PendingReport kept = new PendingReport(providerMessageId, report, detail, when, when.plus(PENDING_FOR));
        if (!kept.keptUntil().isAfter(now)) {
            drop(kept, "arrived");
            return new Outcome(Outcome.Kind.DROPPED, null);
        }
        pending.keep(kept);
        // the send may have been recorded between the look-up and the keep, and onSent looked before the keep
        Optional<Notification> recordedSince = notifications.findByProviderMessageId(providerMessageId);
        if (recordedSince.isPresent() && recorded(recordedSince.get())) {
            applyPending(recordedSince.get());
            return Outcome.applied(current(recordedSince.get()));
        }
        return new Outcome(Outcome.Kind.KEPT, null);
    }

    /**
     * The send of this notice was just recorded (SENT with the provider's message id): applies the reports that
     * arrived before, oldest first. Never throws: a report it could not apply stays kept (until its day is up).
     *
     * @return what became of each kept report
     */
    public List<Outcome> onSent(String registrationId, String notificationId) {
        try {
            return notifications.find(registrationId, notificationId)
                    .filter(n -> n.providerMessageId() != null && recorded(n))
                    .map(this::applyPending)
                    .orElse(List.of());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivery reports kept for notice " + notificationId
                    + " not applied yet: " + e);
            return List.of();
        }
    }

    /**
     * As {@link #onSent(String, String)}, for a send recorded with {@code providerMessageId}: the kept reports are
     * looked up by that id first, and the notice read only when one overtook the send (the rare case: a send usually
     * has no report for seconds). A report kept after this look-up is applied by the report's side, which checks
     * again for a recorded send after keeping it.
     */
    public List<Outcome> onSent(String registrationId, String notificationId, String providerMessageId) {
        try {
            if (pending.list(providerMessageId).isEmpty()) {
                return List.of();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivery reports kept for notice " + notificationId
                    + " not looked up: " + e);
            return List.of();
        }
        return onSent(registrationId, notificationId);
    }

    /** How many unknown reports this process dropped, as counted in its log lines. */
    public static long dropped() {
        return DROPPED.get();
    }

    /**
     * The send is recorded: SENT or later. A SENDING notice may carry the provider's id already (written just before
     * SENT, see NoticeSender); a report applied to it would be refused by the status machine and lost, so it waits.
     */
    private static boolean recorded(Notification n) {
        return n.status() != DeliveryStatus.QUEUED && n.status() != DeliveryStatus.SENDING;
    }

    private List<Outcome> applyPending(Notification n) {
        List<PendingReport> reports = new ArrayList<>(pending.list(n.providerMessageId()));
        reports.sort(Comparator.comparing(PendingReport::at));
        List<Outcome> outcomes = new ArrayList<>();
        Instant now = clock.instant();
        for (PendingReport r : reports) {
            if (!r.keptUntil().isAfter(now)) {
                // the store forgets by itself, but not at once (DynamoDB's TTL takes up to two days)
                drop(r, "waited");
                outcomes.add(new Outcome(Outcome.Kind.DROPPED, null));
            } else {
                outcomes.add(Outcome.applied(apply(n, r.report(), r.detail(), r.at())));
            }
            pending.remove(r);
        }
        return outcomes;
    }

    private DeliveryStatus apply(Notification n, Report report, String detail, Instant when) {
        switch (report) {
            case DELIVERED -> notifications.transition(n.registrationId(), n.id(), DeliveryStatus.DELIVERED, null,
                    null, when);
            case TRANSIENT_BOUNCE -> notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENT,
                    "transient bounce: " + detail, null, when);
            case PERMANENT_BOUNCE -> {
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.BOUNCED, detail, null, when);
                suppressions.suppress(n.destination(), "bounced: " + detail, when);
            }
            case COMPLAINT -> {
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.COMPLAINED, detail, null, when);
                suppressions.suppress(n.destination(), "complaint", when);
            }
            // the provider refused this content, not the address: nothing is suppressed
            case REJECTED -> notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED, detail,
                    null, when);
        }
        return current(n);
    }

    private DeliveryStatus current(Notification n) {
        return notifications.find(n.registrationId(), n.id()).map(Notification::status).orElse(n.status());
    }

    private static void drop(PendingReport r, String how) {
        long total = DROPPED.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "delivery report dropped: " + r.report() + " for unknown message "
                + r.providerMessageId() + " of " + r.at() + " " + how + " more than a day without its send being"
                + " recorded (unknownReportsDropped=1 total=" + total + ")");
    }
}
