package io.convoc.api.calendar;

import io.convoc.notices.calendar.InviteeCalendar;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.Clock;

/** The calendars' organizer is the address notices are sent from, as in the calendars attached to e-mails. */
@Factory
public class CalendarFactory {

    @Singleton
    InviteeCalendar inviteeCalendar(@Value("${EMAIL_FROM}") String from, Clock clock) throws AddressException {
        return new InviteeCalendar(new InternetAddress(from, true).getAddress(), clock);
    }
}
