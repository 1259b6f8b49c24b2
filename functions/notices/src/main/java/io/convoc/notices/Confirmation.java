package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.Registration;

import java.util.Objects;

/** "Your registration is confirmed": event, dates, venue, the sessions the invitee attends, their letter. */
public record Confirmation(Programme programme, Registration registration) implements Notice {

    public Confirmation {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(registration, "registration");
        if (!registration.eventId().equals(programme.event().id())) {
            throw new IllegalArgumentException("registration " + registration.id() + " is for event "
                    + registration.eventId() + ", not " + programme.event().id());
        }
    }

    @Override
    public NoticeKind kind() {
        return NoticeKind.CONFIRMATION;
    }
}
