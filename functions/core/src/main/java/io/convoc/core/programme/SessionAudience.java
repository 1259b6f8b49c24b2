package io.convoc.core.programme;

import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.Registration;

/**
 * Who an edit of a session will reach, for the editor to see before saving: the participants of a workshop, or
 * everyone registered for a plenary (the same people {@link ScheduleChanges} marks when the edit settles), and how
 * many of them also get an SMS (those who gave a mobile).
 */
public final class SessionAudience {
    private static final int PAGE = 100;
    private final RegistrationRepository registrations;

    public record Count(int people, int withMobile) {
    }

    public SessionAudience(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    public Count of(String eventId, ProgrammeSession session) {
        RegistrationQuery audience = new RegistrationQuery(null,
                session.kind() == SessionKind.PLENARY ? null : session.id());
        int people = 0;
        int withMobile = 0;
        String cursor = null;
        do {
            Page<Registration> page = registrations.list(eventId, audience, cursor, PAGE);
            for (Registration r : page.items()) {
                people++;
                if (r.mobile() != null && !r.mobile().isBlank()) {
                    withMobile++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Count(people, withMobile);
    }
}
