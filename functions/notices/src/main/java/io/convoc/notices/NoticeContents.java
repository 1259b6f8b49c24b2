package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.registration.Registration;

import java.util.Objects;

/** What a queued notification is about, ready for a channel to write: the senders' one way from a notice to its content. */
public final class NoticeContents {
    private final ProgrammeChangeLog changes;

    public NoticeContents(ProgrammeChangeLog changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * @throws UnsendableNotice {@code unknown_change} when the programme change the notice is about is not recorded,
     *                          {@code unsupported_kind} for a kind that has no content yet (announcements)
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
            case ANNOUNCEMENT -> throw new UnsendableNotice("unsupported_kind",
                    "notice " + notification.id() + " is an announcement: announcements have no content yet");
        };
    }
}
