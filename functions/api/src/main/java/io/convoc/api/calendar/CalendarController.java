package io.convoc.api.calendar;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationService;
import io.convoc.notices.calendar.CalendarFile;
import io.convoc.notices.calendar.InviteeCalendar;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.time.Clock;
import java.util.Optional;

/**
 * A registration's calendar as it stands now (the signed link e-mails carry): one event per session the person
 * attends, with the same UIDs and SEQUENCE numbers as the calendars attached to their e-mails, so that a calendar
 * application that reads it again updates its entries in place. A wrong, expired or absent token is a 404, as for
 * a registration that does not exist: the link reveals nothing without its token.
 */
@Allowed(Role.PUBLIC)
@Controller("/api/registrations/{id}/calendar.ics")
public class CalendarController {
    private final RegistrationService registrations;
    private final LetterTokens tokens;
    private final InviteeCalendar calendars;
    private final Clock clock;

    public CalendarController(RegistrationService registrations, LetterTokens tokens, InviteeCalendar calendars,
                              Clock clock) {
        this.registrations = registrations;
        this.tokens = tokens;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Get(produces = {"text/calendar", MediaType.APPLICATION_JSON})
    public HttpResponse<byte[]> calendar(@PathVariable String id, @QueryValue @Nullable String token) {
        if (!tokens.verifyCalendar(id, token, clock.instant())) {
            return HttpResponse.notFound();
        }
        Optional<Registration> registration = registrations.find(id);
        if (registration.isEmpty()) {
            return HttpResponse.notFound();
        }
        Programme programme = registrations.programmeOf(registration.get().eventId());
        CalendarFile file = calendars.current(programme, registration.get());
        return HttpResponse.ok(file.content())
                .contentType(MediaType.of(file.contentType()))
                .header("Content-Disposition", "inline; filename=\"" + file.fileName() + "\"")
                .header("Cache-Control", "private, no-store");
    }
}
