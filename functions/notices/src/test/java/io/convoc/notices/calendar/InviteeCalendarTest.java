package io.convoc.notices.calendar;

import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Registration;
import io.convoc.notices.Confirmation;
import io.convoc.notices.Fixtures;
import io.convoc.notices.ScheduleChange;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InviteeCalendarTest {
    private static final Instant NOW = Instant.parse("2024-11-20T10:00:00Z");
    private static final InviteeCalendar CALENDARS =
            new InviteeCalendar("noreply@Convoc.Example.ma", Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String UID = "reg-0153.ws-attractivite@convoc.example.ma";

    private static CalendarFile confirmation(LanguagePreference languages) {
        return CALENDARS.forNotice(new Confirmation(Fixtures.assises(), Fixtures.invitee(languages)));
    }

    private static IcsReader.Component event(IcsReader.Component calendar, String uid) {
        return calendar.all("VEVENT").stream().filter(e -> e.value("UID").equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no VEVENT " + uid));
    }

    private static Calendar ical4j(CalendarFile file) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(file.content()));
    }

    @Test
    void oneEventPerSessionTheInviteeAttendsInTheEventsTimeZone() {
        CalendarFile file = confirmation(LanguagePreference.BOTH);
        IcsReader.Component calendar = IcsReader.read(file.content());

        assertEquals(CalendarFile.Method.PUBLISH, file.method());
        assertEquals("PUBLISH", calendar.value("METHOD"));
        assertEquals("2.0", calendar.value("VERSION"));
        // the two plenaries and the two workshops the invitee chose
        assertEquals(List.of("reg-0153.opening@convoc.example.ma", UID, "reg-0153.ws-numerique@convoc.example.ma",
                        "reg-0153.closing@convoc.example.ma"),
                calendar.all("VEVENT").stream().map(e -> e.value("UID")).toList());
        IcsReader.Component zone = calendar.all("VTIMEZONE").get(0);
        assertEquals("Africa/Casablanca", zone.value("TZID"));
        assertTrue(!zone.all("STANDARD").isEmpty() || !zone.all("DAYLIGHT").isEmpty(), "the zone has its observances");

        IcsReader.Component workshop = event(calendar, UID);
        IcsReader.Property start = workshop.property("DTSTART").orElseThrow();
        assertEquals("Africa/Casablanca", start.parameters().get("TZID"));
        assertEquals("20241220T150000", start.value());
        assertEquals("20241220T180000", workshop.value("DTEND"));
        assertEquals("Africa/Casablanca", workshop.property("DTEND").orElseThrow().parameters().get("TZID"));
        assertEquals("1", workshop.value("SEQUENCE"));
        assertEquals("20241120T100000Z", workshop.value("DTSTAMP"));
        assertEquals("mailto:noreply@Convoc.Example.ma", workshop.value("ORGANIZER"));
    }

    @Test
    void textsAreInBothLanguagesThePreferredOneFirst() {
        IcsReader.Component french = event(IcsReader.read(confirmation(LanguagePreference.FR).content()), UID);
        assertEquals("Atelier\u00a0: Le renforcement de l’attractivité territoriale / ورشة: تعزيز الجاذبية الترابية",
                french.property("SUMMARY").orElseThrow().text());
        assertEquals("Salle 1, Palais des congrès, Tanger / القاعة 1، قصر المؤتمرات، طنجة",
                french.property("LOCATION").orElseThrow().text());
        assertEquals("2èmes Assises nationales de la régionalisation avancée / "
                + "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة", french.property("DESCRIPTION").orElseThrow().text());

        IcsReader.Component arabic = event(IcsReader.read(confirmation(LanguagePreference.AR).content()), UID);
        assertEquals("ورشة: تعزيز الجاذبية الترابية / Atelier\u00a0: Le renforcement de l’attractivité territoriale",
                arabic.property("SUMMARY").orElseThrow().text());
        assertEquals("القاعة 1، قصر المؤتمرات، طنجة / Salle 1, Palais des congrès, Tanger",
                arabic.property("LOCATION").orElseThrow().text());
    }

    @Test
    void ical4jReadsItBackToTheSameInstants() throws Exception {
        Calendar calendar = ical4j(confirmation(LanguagePreference.BOTH));

        assertEquals("PUBLISH", calendar.<Method>getProperty(Method.METHOD).orElseThrow().getValue());
        VTimeZone zone = (VTimeZone) calendar.getComponent("VTIMEZONE").orElseThrow();
        assertEquals("Africa/Casablanca", zone.getTimeZoneId().getValue());
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(4, events.size());
        VEvent workshop = events.stream().filter(e -> e.getUid().map(Uid::getValue).orElseThrow().equals(UID))
                .findFirst().orElseThrow();
        ZonedDateTime start = (ZonedDateTime) workshop.<DtStart<ZonedDateTime>>getProperty("DTSTART").orElseThrow()
                .getDate();
        // 15:00 in Tanger on 20 December 2024 is 14:00 UTC (Morocco keeps UTC+1 outside Ramadan)
        assertEquals(LocalDateTime.of(2024, 12, 20, 15, 0).atZone(ZoneId.of("Africa/Casablanca")).toInstant(),
                start.toInstant());
        assertEquals(Instant.parse("2024-12-20T14:00:00Z"), start.toInstant());
        assertTrue(calendar.validate().getEntries().isEmpty(), calendar.validate().toString());
    }

    @Test
    void aChangedSessionKeepsItsUidAndRaisesItsSequence() throws Exception {
        ScheduleChange moved = Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.BOTH);
        CalendarFile before = confirmation(LanguagePreference.BOTH);
        CalendarFile after = CALENDARS.forNotice(moved);

        assertEquals(CalendarFile.Method.PUBLISH, after.method());
        IcsReader.Component was = event(IcsReader.read(before.content()), UID);
        IcsReader.Component now = event(IcsReader.read(after.content()), UID);
        assertEquals(was.value("UID"), now.value("UID"));
        assertTrue(Integer.parseInt(now.value("SEQUENCE")) > Integer.parseInt(was.value("SEQUENCE")),
                was.value("SEQUENCE") + " → " + now.value("SEQUENCE"));
        assertEquals("2", now.value("SEQUENCE"));
        assertEquals("20241220T160000", now.value("DTSTART"));
        assertTrue(now.property("LOCATION").orElseThrow().text().startsWith("Salle 4, "));

        // ical4j agrees
        VEvent event = ical4j(after).<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getUid().map(Uid::getValue).orElseThrow().equals(UID)).findFirst().orElseThrow();
        assertEquals(2, event.<Sequence>getProperty("SEQUENCE").orElseThrow().getSequenceNo());
    }

    @Test
    void aCancelledSessionIsWithdrawnWithMethodCancel() throws Exception {
        ScheduleChange cancelled = Fixtures.scheduleChange(Fixtures.cancelled(), LanguagePreference.BOTH);
        CalendarFile file = CALENDARS.forNotice(cancelled);

        assertEquals(CalendarFile.Method.CANCEL, file.method());
        assertEquals("text/calendar; charset=UTF-8; method=CANCEL", file.contentType());
        IcsReader.Component calendar = IcsReader.read(file.content());
        assertEquals("CANCEL", calendar.value("METHOD"));
        assertEquals("Africa/Casablanca", calendar.all("VTIMEZONE").get(0).value("TZID"));
        List<IcsReader.Component> events = calendar.all("VEVENT");
        assertEquals(1, events.size(), "only the cancelled session");
        IcsReader.Component event = events.get(0);
        assertEquals(UID, event.value("UID"));
        assertEquals("CANCELLED", event.value("STATUS"));
        assertEquals("2", event.value("SEQUENCE"));
        assertEquals("20241220T150000", event.value("DTSTART"));
        assertEquals("Africa/Casablanca", event.property("DTSTART").orElseThrow().parameters().get("TZID"));

        Calendar parsed = ical4j(file);
        VEvent vevent = (VEvent) parsed.getComponent("VEVENT").orElseThrow();
        assertEquals("CANCELLED", vevent.<Status>getProperty("STATUS").orElseThrow().getValue());
        assertEquals(UID, vevent.getUid().map(Uid::getValue).orElseThrow());
    }

    @Test
    void aNewSessionIsPublishedWithTheOthers() {
        ScheduleChange added = Fixtures.scheduleChange(Fixtures.added(), LanguagePreference.BOTH);
        IcsReader.Component calendar = IcsReader.read(CALENDARS.forNotice(added).content());
        assertEquals("PUBLISH", calendar.value("METHOD"));
        assertEquals(5, calendar.all("VEVENT").size());
        assertEquals("20241221T133000", event(calendar, "reg-0153.keynote@convoc.example.ma").value("DTSTART"));
    }

    @Test
    void theCurrentCalendarIsWhatTheApiServes() {
        Registration invitee = Fixtures.invitee(LanguagePreference.BOTH);
        CalendarFile served = CALENDARS.current(Fixtures.assises(), invitee);
        assertEquals("text/calendar; charset=UTF-8; method=PUBLISH", served.contentType());
        assertArrayEquals(confirmation(LanguagePreference.BOTH).content(), served.content(), "same clock, same bytes");
        assertEquals(UID, CALENDARS.uid(invitee, Fixtures.assises().session(Fixtures.WORKSHOP).orElseThrow()));
    }

    @Test
    void linesEndWithCrLfAndLongOnesAreFolded() {
        byte[] ics = confirmation(LanguagePreference.BOTH).content();
        String text = new String(ics, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.endsWith("END:VCALENDAR\r\n"));
        // ical4j folds at 75 characters (RFC 5545 counts octets: Arabic lines may reach ~150 octets; readers unfold both)
        for (String line : text.split("\r\n")) {
            assertTrue(line.length() <= 75, line);
        }
        assertTrue(text.contains("\r\n "), "the bilingual summaries are longer than a line");
    }
}
