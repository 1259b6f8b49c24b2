package io.convoc.core.announcements;

import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.NoticeMessage;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * From an announcement to its notices, page by page of its audience: each page's notices are written with derived
 * ids (announcement × registration × channel × language), conditionally, then queued, then the page's end is saved
 * as the fan-out's position. Killed anywhere, a second run starts again from the last saved position: the page's
 * notices written already are found (not written twice), those still QUEUED are queued again (the sender sends a
 * notice once however often it is queued), and nothing is skipped. Addresses suppressed or opted out of
 * announcements get a SUPPRESSED notice at once, so that the counters say how many were left out and why.
 */
public class AnnouncementFanOut {
    private static final Logger LOG = Logger.getLogger(AnnouncementFanOut.class.getName());

    private final AnnouncementRepository announcements;
    private final AnnouncementRecipients recipients;
    private final NotificationRepository notifications;
    private final SuppressionList suppressions;
    private final NoticeQueues notices;
    private final AnnouncementQueue continuations;
    private final Clock clock;

    public AnnouncementFanOut(AnnouncementRepository announcements, AnnouncementRecipients recipients,
                              NotificationRepository notifications, SuppressionList suppressions, NoticeQueues notices,
                              AnnouncementQueue continuations, Clock clock) {
        this.announcements = announcements;
        this.recipients = recipients;
        this.notifications = notifications;
        this.suppressions = suppressions;
        this.notices = notices;
        this.continuations = continuations;
        this.clock = clock;
    }

    public enum Outcome {
        /** Every notice is written and queued. */
        DONE,
        /** Out of time: a continuation was asked for, which resumes from the saved position. */
        CONTINUED,
        /** Scheduled for later: the dispatcher asks again when it is due. */
        NOT_DUE,
        /** Cancelled, a draft, or finished before: nothing to do. */
        NOTHING_TO_DO,
        /** Another run saved this page first: it goes on, this one stops. */
        OVERTAKEN
    }

    /**
     * @param timeLeft whether another page fits in this invocation (Lambda's remaining time)
     */
    public Outcome run(int number, BooleanSupplier timeLeft) {
        Optional<Announcement> found = announcements.find(number);
        if (found.isEmpty()) {
            LOG.warning(() -> "announcement " + number + " to fan out does not exist");
            return Outcome.NOTHING_TO_DO;
        }
        Announcement a = found.get();
        Instant now = clock.instant();
        if (a.state() == AnnouncementState.SCHEDULED) {
            if (a.scheduledFor() != null && a.scheduledFor().isAfter(now)) {
                return Outcome.NOT_DUE;
            }
            announcements.startSending(number, now); // false: another run started it, or it was cancelled
            a = announcements.find(number).orElseThrow();
        }
        if (a.state() != AnnouncementState.SENDING) {
            return Outcome.NOTHING_TO_DO;
        }
        if (a.fanOutDone()) {
            announcements.finishIfDone(number, clock.instant());
            return Outcome.DONE;
        }
        String cursor = a.fanOutCursor();
        while (true) {
            Page<Registration> page = recipients.page(a.eventId(), a.audience(), cursor);
            write(a, page.items());
            boolean done = page.nextCursor() == null;
            if (!announcements.saveFanOut(number, cursor, page.nextCursor(), done, clock.instant())) {
                return Outcome.OVERTAKEN; // or cancelled meanwhile: the senders withdraw what was queued
            }
            if (done) {
                announcements.finishIfDone(number, clock.instant());
                return Outcome.DONE;
            }
            cursor = page.nextCursor();
            if (!timeLeft.getAsBoolean()) {
                continuations.fanOut(number);
                return Outcome.CONTINUED;
            }
        }
    }

    private void write(Announcement a, List<Registration> page) {
        Instant now = clock.instant();
        List<AnnouncementRecipients.Delivery> deliveries = page.stream()
                .flatMap(r -> AnnouncementRecipients.deliveries(a, r).stream()).toList();
        Map<String, String> suppressedAddresses = suppressions.reasonsFor(
                deliveries.stream().map(AnnouncementRecipients.Delivery::destination).distinct().toList(),
                NoticeKind.ANNOUNCEMENT);
        List<Notification> wanted = new ArrayList<>();
        for (Registration r : page) {
            for (AnnouncementRecipients.Delivery d : AnnouncementRecipients.deliveries(a, r)) {
                Optional<String> suppressed = Optional.ofNullable(suppressedAddresses.get(d.destination()));
                wanted.add(suppressed
                        .map(reason -> Notification.suppressed(r.id(), a.eventId(), NoticeKind.ANNOUNCEMENT,
                                d.channel(), a.number(), d.language(), d.destination(), reason, now))
                        .orElseGet(() -> Notification.queued(r.id(), a.eventId(), NoticeKind.ANNOUNCEMENT, d.channel(),
                                a.number(), d.language(), d.destination(), now)));
            }
        }
        List<Boolean> created = notifications.createAll(wanted);
        Map<Channel, List<NoticeMessage>> toQueue = new EnumMap<>(Channel.class);
        for (int i = 0; i < wanted.size(); i++) {
            Notification n = wanted.get(i);
            // written by an earlier run that died before saving its position: queue it again while still QUEUED,
            // even if its address was suppressed since (the sender suppresses it; unqueued, it would stay QUEUED)
            boolean queue = created.get(i) ? n.status() == DeliveryStatus.QUEUED
                    : notifications.find(n.registrationId(), n.id())
                    .map(Notification::status).orElse(null) == DeliveryStatus.QUEUED;
            if (queue) {
                toQueue.computeIfAbsent(n.channel(), c -> new ArrayList<>())
                        .add(new NoticeMessage(n.registrationId(), n.id()));
            }
        }
        toQueue.forEach(notices::enqueueAll);
    }
}
