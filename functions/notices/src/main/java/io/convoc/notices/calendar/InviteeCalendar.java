package io.convoc.notices.calendar;

import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.registration.Registration;
import io.convoc.notices.Languages;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeText;
import io.convoc.notices.PlainValues;
import io.convoc.notices.ScheduleChange;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * An invitee's sessions as an iCalendar (RFC 5545): one VEVENT per session they attend, whose UID stays the same for
 * (registration, session) whatever changes, and whose SEQUENCE is the session's version, so that a calendar that
 * already holds a session updates it rather than adding a second one. Times are the event's local times with its
 * time zone (TZID and VTIMEZONE); texts are in both languages, the preferred one first.
 *
 * <p>Time zone definitions come from the ical4j jar (tzurl.org data), never from the network: ical4j fetches
 * updates only when {@code net.fortuna.ical4j.timezone.update.enabled} is set to true, which nothing here does.
 * Thread-safe.
 */
public final class InviteeCalendar {
    private static final String PRODUCT = "-//convoc//invitee calendar//FR";
    // parsing a zone's definition takes a few hundred ms: the registry caches each zone for the JVM
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private final URI organizer;
    private final String domain;
    private final Clock clock;

    /**
     * @param organizerAddress the notices' sender (ORGANIZER), whose domain ends every UID
     * @param clock            gives DTSTAMP
     */
    public InviteeCalendar(String organizerAddress, Clock clock) {
        String address = Objects.requireNonNull(organizerAddress, "organizerAddress").strip();
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            throw new IllegalArgumentException("not an address: " + organizerAddress);
        }
        this.organizer = URI.create("mailto:" + address);
        this.domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The sessions the person attends as they stand now (METHOD:PUBLISH): what the API serves for download. */
    public CalendarFile current(Programme programme, Registration registration) {
        List<VEvent> events = programme.attendedBy(registration.workshops()).stream()
                .map(s -> event(programme.event(), registration, s))
                .toList();
        return write(programme.event(), CalendarFile.Method.PUBLISH, ImmutableMethod.PUBLISH, events);
    }

    /** The withdrawal of a cancelled session from the person's calendar (METHOD:CANCEL, STATUS:CANCELLED). */
    public CalendarFile cancellation(Programme programme, Registration registration, ProgrammeSession cancelled) {
        VEvent event = event(programme.event(), registration, cancelled);
        event.add(ImmutableStatus.VEVENT_CANCELLED);
        return write(programme.event(), CalendarFile.Method.CANCEL, ImmutableMethod.CANCEL, List.of(event));
    }

    /**
     * What a notice's e-mail carries: the cancellation when a schedule change cancels a session (a PUBLISH without
     * it would not take it out of a calendar), otherwise the person's sessions as they stand.
     */
    public CalendarFile forNotice(Notice notice) {
        if (notice instanceof ScheduleChange change && change.isCancellation()) {
            return cancellation(change.programme(), change.registration(), change.session());
        }
        return current(notice.programme(), notice.registration());
    }

    /** {@code <registration>.<session>@<sender's domain>}: the same in every calendar the person is sent. */
    public String uid(Registration registration, ProgrammeSession session) {
        return registration.id() + "." + session.id() + "@" + domain;
    }

    private VEvent event(Event event, Registration registration, ProgrammeSession session) {
        List<Language> languages = Languages.preferredFirst(registration.languages());
        ZoneId zone = event.zone();
        // no automatic DTSTAMP: it comes from the clock, so that a replay writes the same calendar
        VEvent vevent = new VEvent(false);
        vevent.add(new Uid(uid(registration, session)));
        vevent.add(new Sequence(session.version()));
        vevent.add(new DtStamp(clock.instant()));
        vevent.add(new DtStart<>(session.start().atZone(zone)));
        vevent.add(new DtEnd<>(session.end().atZone(zone)));
        vevent.add(new Summary(both(languages, l -> NoticeText.of(l)
                .get("calendar.summary." + session.kind().name(), PlainValues.in(session.title(), l)))));
        vevent.add(new Location(both(languages, l -> location(event, session, l))));
        vevent.add(new Description(both(languages, l -> PlainValues.in(event.name(), l))));
        vevent.add(new Organizer(organizer));
        return vevent;
    }

    private static String location(Event event, ProgrammeSession session, Language language) {
        String room = PlainValues.in(session.room(), language);
        String venue = place(event, language);
        if (room.isEmpty() || venue.isEmpty()) {
            return room.isEmpty() ? venue : room;
        }
        return NoticeText.of(language).get("calendar.location", room, venue);
    }

    private static String place(Event event, Language language) {
        String venue = PlainValues.in(event.venue(), language);
        return venue.isEmpty() ? PlainValues.in(event.city(), language) : venue;
    }

    private static String both(List<Language> languages, Function<Language, String> text) {
        return NoticeText.of(Language.FR).get("calendar.join", text.apply(languages.get(0)), text.apply(languages.get(1)));
    }

    private CalendarFile write(Event event, CalendarFile.Method method, net.fortuna.ical4j.model.property.Method property,
                               List<VEvent> events) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(property);
        calendar.add(timeZone(event.zone()));
        events.forEach(calendar::add);
        StringWriter out = new StringWriter(8192);
        try {
            // CRLF line ends and lines folded at 75 characters, as RFC 5545 asks
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CalendarFile(method, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static VTimeZone timeZone(ZoneId zone) {
        TimeZone tz = ZONES.getTimeZone(zone.getId());
        if (tz == null) {
            throw new IllegalStateException("no iCalendar definition of the time zone " + zone.getId());
        }
        return tz.getVTimeZone();
    }
}
