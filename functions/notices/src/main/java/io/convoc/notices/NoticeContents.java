package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.registration.Registration;

import java.util.Objects;

/** What a queued notification is about, ready for a channel to write: the senders' one way from a notice to its content. */
public final class NoticeContents {
    private final ProgrammeChangeLog changes;
    private final AnnouncementRepository announcements;
    /**
     * Announcements by number, as read once: what they say (texts, channels, audience) never changes after the
     * draft, and whether one was cancelled is the sender's question, asked fresh for every notice
     * ({@code NoticeSender.withdrawingCancelled}). Bounded: a sender meets a handful at a time.
     */
    private final java.util.Map<Integer, io.convoc.core.announcements.Announcement> texts =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Integer, io.convoc.core.announcements.Announcement> e) {
                    return size() > 64;
                }
            });

    public NoticeContents(ProgrammeChangeLog changes, AnnouncementRepository announcements) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.announcements = Objects.requireNonNull(announcements, "announcements");
    }

    /**
     * @throws UnsendableNotice {@code unknown_change} when the programme change the notice is about is not recorded,
     *                          {@code unknown_announcement} when its announcement (the notice's content version) is not
     */
    public Notice of(Notification notification, Registration registration, Programme programme) {
        return switch (notification.kind()) {
            case CONFIRMATION -> new Confirmation(programme, registration);
            case SCHEDULE_CHANGE -> new ScheduleChange(programme, registration,
                    changes.change(registration.eventId(), notification.contentVersion()).orElseThrow(() ->
                            new UnsendableNotice("unknown_change", "notice " + notification.id() + " is about programme change "
                                    + notification.contentVersion() + " of event " + registration.eventId()
                                    + ", which is not recorded")));
            case ALREADY_REGISTERED -> new AlreadyRegistered(programme, registration);
            case ANNOUNCEMENT -> new AnnouncementNotice(programme, registration,
                    announcement(notification.contentVersion()).orElseThrow(() ->
                            new UnsendableNotice("unknown_announcement", "notice " + notification.id()
                                    + " is about announcement " + notification.contentVersion() + ", which does not exist")));
        };
    }

    private java.util.Optional<io.convoc.core.announcements.Announcement> announcement(int number) {
        io.convoc.core.announcements.Announcement known = texts.get(number);
        if (known != null) {
            return java.util.Optional.of(known);
        }
        java.util.Optional<io.convoc.core.announcements.Announcement> read = announcements.find(number);
        read.ifPresent(a -> texts.put(number, a));
        return read;
    }
}
