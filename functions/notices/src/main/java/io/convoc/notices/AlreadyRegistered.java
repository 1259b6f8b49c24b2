package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.Registration;

import java.util.Objects;

/**
 * "You were already registered": someone used the public registration form with the address of this registration.
 * The form answered as for a new registration (it never tells who is registered); the owner of the address is told
 * here, with what their registration is (event, dates, venue, their sessions) and their current letter, and that
 * nothing was changed. E-mail only: an SMS of this kind is refused ({@code unsupported_kind}).
 */
public record AlreadyRegistered(Programme programme, Registration registration) implements Notice {

    public AlreadyRegistered {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(registration, "registration");
        if (!registration.eventId().equals(programme.event().id())) {
            throw new IllegalArgumentException("registration " + registration.id() + " is for event "
                    + registration.eventId() + ", not " + programme.event().id());
        }
    }

    @Override
    public NoticeKind kind() {
        return NoticeKind.ALREADY_REGISTERED;
    }
}
