package io.convoc.core.notifications;

import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues the confirmation notices of a registration once its first letter is ready: an e-mail with the
 * letter, and an SMS per language the person reads when there is a mobile number. Safe to run twice: the notices' ids are derived, their
 * creation is conditional, and a notice is queued again only while still QUEUED (the sender ignores the rest).
 */
public class ConfirmationNotices {
    private final NotificationRepository notifications;
    private final NoticeQueues queues;
    private final Clock clock;

    public ConfirmationNotices(NotificationRepository notifications, NoticeQueues queues, Clock clock) {
        this.notifications = notifications;
        this.queues = queues;
        this.clock = clock;
    }

    /** @return the notices queued by this change (none when it is not the first letter becoming ready) */
    public List<Notification> onChange(Registration before, Registration after) {
        int letter = after.currentLetter().map(LetterInfo::version).orElse(0);
        int previous = before == null ? 0 : before.currentLetter().map(LetterInfo::version).orElse(0);
        if (letter != 1 || previous == 1) {
            return List.of();
        }
        List<Notification> wanted = new ArrayList<>();
        wanted.add(Notification.queued(after.id(), after.eventId(), NoticeKind.CONFIRMATION, Channel.EMAIL, 1, null,
                after.email(), clock.instant()));
        after.mobileNumber().ifPresent(mobile -> after.languages().languages().forEach(language ->
                wanted.add(Notification.queued(after.id(), after.eventId(), NoticeKind.CONFIRMATION, Channel.SMS, 1,
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
