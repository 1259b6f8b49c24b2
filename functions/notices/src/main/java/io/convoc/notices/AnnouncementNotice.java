package io.convoc.notices;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.event.Programme;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.Registration;

import java.util.Objects;

/**
 * An organizers' announcement to one invitee: its subject and text (e-mail) or its SMS text, in French and Arabic,
 * with the placeholders filled in for this person ({@link AnnouncementValues}). It carries no letter and no
 * calendar: a link to the letter, when the text asks for one ({@code ((letter_link))}), is given by the channel.
 */
public record AnnouncementNotice(Programme programme, Registration registration, Announcement announcement)
        implements Notice {

    public AnnouncementNotice {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(announcement, "announcement");
        String event = programme.event().id();
        if (!registration.eventId().equals(event) || !announcement.eventId().equals(event)) {
            throw new IllegalArgumentException("registration " + registration.id() + " (event "
                    + registration.eventId() + ") and announcement " + announcement.id() + " (event "
                    + announcement.eventId() + ") are not both for event " + event);
        }
    }

    @Override
    public NoticeKind kind() {
        return NoticeKind.ANNOUNCEMENT;
    }
}
