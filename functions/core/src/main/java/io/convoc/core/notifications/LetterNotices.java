package io.convoc.core.notifications;

import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notices a new letter sends: the confirmation with a registration's first letter, and a schedule-change notice
 * with a letter that shows a programme change (its number is the notices' content version). An e-mail with the
 * letter, and an SMS per language the person reads when there is a mobile number. Safe to run twice: the notices'
 * ids are derived, their creation is conditional, and a notice is queued again only while still QUEUED (the sender
 * ignores the rest).
 */
public class LetterNotices {
    private final NotificationRepository notifications;
    private final NoticeQueues queues;
    private final Clock clock;

    public LetterNotices(NotificationRepository notifications, NoticeQueues queues, Clock clock) {
        this.notifications = notifications;
        this.queues = queues;
        this.clock = clock;
    }

    /** @return the notices queued by this change of the registration (none unless a letter was just recorded) */
    public List<Notification> onChange(Registration before, Registration after) {
        return wanted(before, after).map(w -> queue(after, w.kind(), w.contentVersion())).orElse(List.of());
    }

    record Wanted(NoticeKind kind, int contentVersion) {
    }

    static Optional<Wanted> wanted(Registration before, Registration after) {
        LetterInfo now = after.letter();
        LetterInfo previous = before == null ? null : before.letter();
        if (now == null || (previous != null && previous.version() >= now.version())) {
            return Optional.empty(); // no new letter in this change
        }
        if (previous == null) {
            return now.version() == 1 ? Optional.of(new Wanted(NoticeKind.CONFIRMATION, 1)) : Optional.empty();
        }
        if (now.scheduleChange() > previous.scheduleChange()) {
            return Optional.of(new Wanted(NoticeKind.SCHEDULE_CHANGE, now.scheduleChange()));
        }
        return Optional.empty(); // a new version for a corrected name or title: the letter is there to download
    }

    private List<Notification> queue(Registration after, NoticeKind kind, int contentVersion) {
        List<Notification> wanted = new ArrayList<>();
        wanted.add(Notification.queued(after.id(), after.eventId(), kind, Channel.EMAIL, contentVersion, null,
                after.email(), clock.instant()));
        after.mobileNumber().ifPresent(mobile -> after.languages().languages().forEach(language ->
                wanted.add(Notification.queued(after.id(), after.eventId(), kind, Channel.SMS, contentVersion,
                        language, mobile, clock.instant()))));
        List<Notification> queued = new ArrayList<>();
        for (Notification n : wanted) {
            boolean created = notifications.create(n);
            Notification current = created ? n : notifications.find(n.registrationId(), n.id()).orElse(n);
            if (current.status() == DeliveryStatus.QUEUED) {
                queues.enqueue(n.channel(), new NoticeMessage(n.registrationId(), n.id()));
                queued.add(current);
            }
        }
        return queued;
    }
}
