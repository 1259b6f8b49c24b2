package io.convoc.core.announcements;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.notifications.Channel;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.convoc.core.announcements.InMemoryRegistrations.person;
import static io.convoc.core.announcements.InMemoryRegistrations.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drafting (every error at once), sending now or later, and cancelling, with the ports kept in memory. */
class AnnouncementsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryAnnouncements repository = new InMemoryAnnouncements();
    private final InMemoryRegistrations registrations = new InMemoryRegistrations();
    private final List<Integer> fanOuts = new ArrayList<>();
    private final ProgrammeRepository programmes = new ProgrammeRepository() {
        public Optional<Programme> find(String eventId) {
            return "assises-2024".equals(eventId) ? Optional.of(TestProgrammes.assises()) : Optional.empty();
        }

        public void save(Programme programme) {
            throw new UnsupportedOperationException();
        }

        public boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion) {
            throw new UnsupportedOperationException();
        }
    };
    private final Announcements service = new Announcements(repository, programmes,
            new AnnouncementRecipients(registrations), fanOuts::add, clock);

    AnnouncementsTest() {
        for (int i = 0; i < 3; i++) {
            registrations.create(person("reg-" + i));
        }
    }

    /** A draft with the texts of the channels chosen, in both languages. */
    private static AnnouncementDraft draft(Set<Channel> channels, Audience audience) {
        boolean email = channels == null || channels.contains(Channel.EMAIL);
        boolean sms = channels == null || channels.contains(Channel.SMS);
        return new AnnouncementDraft("assises-2024",
                email ? Bilingual.of("Changement de salle", "تغيير القاعة") : null,
                email ? Bilingual.of("Bonjour ((name)),\nL’atelier ((workshops??« ))((workshops))((workshops?? »)) "
                        + "change de salle.", "السيد(ة) ((name))،\nتغيرت قاعة الورشة.") : null,
                sms ? Bilingual.of("Convoc : nouvelle salle. ((letter_link))", "كونفوك: قاعة جديدة. ((letter_link))")
                        : null,
                channels, audience);
    }

    private static AnnouncementDraft valid() {
        return draft(Set.of(Channel.EMAIL, Channel.SMS), Audience.everyone());
    }

    private static Set<FieldError> errors(InvalidInput e) {
        assertEquals(e.errors().size(), Set.copyOf(e.errors()).size(), "each error once: " + e.errors());
        return Set.copyOf(e.errors());
    }

    @Test
    void aValidDraftIsStoredAsADraftAndNothingIsSent() {
        Announcement a = service.draft(valid(), "organizer@example.ma");
        assertEquals(1, a.number());
        assertEquals(AnnouncementState.DRAFT, a.state());
        assertNull(a.scheduledFor());
        assertEquals(NOW, a.createdAt());
        assertEquals("organizer@example.ma", a.createdBy());
        assertEquals(Optional.of(a), repository.find(1));
        assertTrue(fanOuts.isEmpty());
        assertEquals(2, service.draft(valid(), "organizer@example.ma").number(), "numbers are never given twice");
    }

    @Test
    void everyFieldInErrorIsNamedTogether() {
        AnnouncementDraft d = new AnnouncementDraft("assises-2024",
                Bilingual.of("Changement de salle", ""),
                Bilingual.of("", "السيد(ة) ((nom))، تغيرت القاعة."),
                Bilingual.of("Convoc : nouvelle salle.", "  "),
                Set.of(Channel.EMAIL, Channel.SMS),
                new Audience(null, null, Set.of("ws-numerique", "ws-inconnu"), null, null));
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.draft(d, "organizer@example.ma"));
        assertEquals(Set.of(
                FieldError.of("subject.ar", "missing_translation"),
                FieldError.of("body.fr", "missing_translation"),
                FieldError.of("body.ar", "unknown_placeholder", "nom"),
                FieldError.of("sms.ar", "missing_translation"),
                FieldError.of("audience.workshops", "unknown_workshop", "ws-inconnu")), errors(e));
        assertTrue(repository.all().isEmpty());
    }

    @Test
    void anUnclosedPlaceholderIsNamedWithItsFieldAndLanguage() {
        AnnouncementDraft d = new AnnouncementDraft("assises-2024", Bilingual.of("Objet", "موضوع"),
                Bilingual.of("Bonjour", "مرحبا"), Bilingual.of("Convoc ((name", "كونفوك"), Set.of(Channel.SMS, Channel.EMAIL),
                null);
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.draft(d, "organizer@example.ma"));
        assertEquals(List.of("sms.fr"), e.errors().stream().map(FieldError::field).toList());
        assertEquals("unclosed_placeholder", e.errors().get(0).code());
    }

    @Test
    void aPlenaryIsNotAWorkshopToChooseAnAudienceBy() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.draft(
                draft(Set.of(Channel.EMAIL), new Audience(null, null, Set.of("opening"), null, null)), "o"));
        assertEquals(Set.of(FieldError.of("audience.workshops", "unknown_workshop", "opening")), errors(e));
    }

    @Test
    void aTextForAChannelNotChosenIsAnError() {
        AnnouncementDraft both = valid();
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.draft(new AnnouncementDraft(both.eventId(),
                both.subject(), both.body(), both.sms(), Set.of(Channel.EMAIL), null), "o"));
        assertEquals(Set.of(FieldError.of("sms", "channel_not_chosen", "sms")), errors(e));
        Announcement emailOnly = service.draft(draft(Set.of(Channel.EMAIL), null), "o");
        assertEquals(Set.of(Channel.EMAIL), emailOnly.channels());
        assertTrue(emailOnly.audience().isEveryone(), "no audience given: everyone");
    }

    @Test
    void noChannelIsAnErrorOnChannels() {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> service.draft(draft(Set.of(), Audience.everyone()), "organizer@example.ma"));
        assertEquals(List.of("channels"), e.errors().stream().map(FieldError::field).toList());
        InvalidInput nullChannels = assertThrows(InvalidInput.class,
                () -> service.draft(draft(null, Audience.everyone()), "organizer@example.ma"));
        assertEquals(List.of("channels"), nullChannels.errors().stream().map(FieldError::field).toList());
        assertTrue(repository.all().isEmpty());
    }

    @Test
    void anAudienceThatReachesNobodyIsRefused() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.draft(
                draft(Set.of(Channel.EMAIL), new Audience(Set.of(Category.PRESS), null, null, null, null)), "o"));
        assertEquals(List.of(FieldError.of("audience", "empty_audience")), e.errors());
        assertTrue(repository.all().isEmpty());
        registrations.create(with(person("journalist"), Category.PRESS));
        assertEquals(AnnouncementState.DRAFT, service.draft(
                draft(Set.of(Channel.EMAIL), new Audience(Set.of(Category.PRESS), null, null, null, null)), "o")
                .state());
    }

    @Test
    void theReachCountsTheAudienceAcrossPages() {
        for (int i = 0; i < AnnouncementRecipients.PAGE + 7; i++) {
            registrations.create(with(person("press-" + i), Category.PRESS));
        }
        assertEquals(AnnouncementRecipients.PAGE + 7L, service.reach("assises-2024",
                new Audience(Set.of(Category.PRESS), null, null, null, null)));
        assertEquals(AnnouncementRecipients.PAGE + 10L, service.reach("assises-2024", Audience.everyone()));
    }

    @Test
    void anUnknownEventIsSaidSo() {
        AnnouncementDraft d = valid();
        assertThrows(UnknownEvent.class, () -> service.draft(new AnnouncementDraft("assises-1999", d.subject(),
                d.body(), d.sms(), d.channels(), d.audience()), "o"));
    }

    @Test
    void sendingNowSchedulesItNowAndAsksForTheFanOutOnce() {
        Announcement a = service.draft(valid(), "o");
        Announcement sent = service.send(a.id(), null);
        assertEquals(AnnouncementState.SCHEDULED, sent.state());
        assertEquals(NOW, sent.scheduledFor());
        assertEquals(List.of(a.number()), fanOuts);
    }

    @Test
    void aTimeJustPastIsNow() {
        Announcement a = service.draft(valid(), "o");
        Announcement sent = service.send(a.id(), NOW.minus(Duration.ofMinutes(2)));
        assertEquals(NOW, sent.scheduledFor(), "not scheduled in the past");
        assertEquals(List.of(a.number()), fanOuts);
    }

    @Test
    void sendingLaterSchedulesItWithoutAskingForTheFanOut() {
        Announcement a = service.draft(valid(), "o");
        Instant later = NOW.plus(Duration.ofDays(2));
        Announcement scheduled = service.send(a.id(), later);
        assertEquals(AnnouncementState.SCHEDULED, scheduled.state());
        assertEquals(later, scheduled.scheduledFor());
        assertTrue(fanOuts.isEmpty(), "the dispatcher asks for it when it is due");
        Announcement edge = service.send(service.draft(valid(), "o").id(), NOW.plus(Announcements.MAX_SCHEDULE_AHEAD));
        assertEquals(AnnouncementState.SCHEDULED, edge.state(), "seven days ahead exactly is allowed");
        assertTrue(fanOuts.isEmpty());
    }

    @Test
    void moreThanSevenDaysAheadIsRefused() {
        Announcement a = service.draft(valid(), "o");
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> service.send(a.id(), NOW.plus(Duration.ofDays(7)).plusSeconds(1)));
        assertEquals(List.of(FieldError.of("scheduledFor", "too_far_ahead", 7L)), e.errors());
        assertEquals(AnnouncementState.DRAFT, service.find(a.id()).state());
        assertTrue(fanOuts.isEmpty());
    }

    @Test
    void aTimeInThePastIsRefused() {
        Announcement a = service.draft(valid(), "o");
        InvalidInput e = assertThrows(InvalidInput.class, () -> service.send(a.id(), NOW.minus(Duration.ofHours(1))));
        assertEquals(List.of(FieldError.of("scheduledFor", "in_past")), e.errors());
        assertEquals(AnnouncementState.DRAFT, service.find(a.id()).state());
        assertTrue(fanOuts.isEmpty());
    }

    @Test
    void sendingTwiceIsAConflictAndAsksForNothingMore() {
        Announcement a = service.draft(valid(), "o");
        service.send(a.id(), null);
        AnnouncementConflict conflict = assertThrows(AnnouncementConflict.class, () -> service.send(a.id(), null));
        assertEquals("send", conflict.action());
        assertEquals(AnnouncementState.SCHEDULED, conflict.current().state());
        assertEquals(List.of(a.number()), fanOuts);
    }

    @Test
    void aCancelledAnnouncementCannotBeSent() {
        Announcement a = service.draft(valid(), "o");
        service.cancel(a.id(), "o");
        assertThrows(AnnouncementConflict.class, () -> service.send(a.id(), null));
        assertEquals(AnnouncementState.CANCELLED, service.find(a.id()).state());
        assertTrue(fanOuts.isEmpty());
    }

    @Test
    void cancellingAScheduledAnnouncementCancelsItAndSaysWho() {
        Announcement a = service.draft(valid(), "o");
        service.send(a.id(), NOW.plus(Duration.ofHours(3)));
        Announcement cancelled = service.cancel(a.id(), "chef@example.ma");
        assertEquals(AnnouncementState.CANCELLED, cancelled.state());
        assertTrue(cancelled.stateReason().contains("chef@example.ma"), cancelled.stateReason());
        assertEquals(AnnouncementState.CANCELLED, repository.find(a.number()).orElseThrow().state());
        AnnouncementConflict again = assertThrows(AnnouncementConflict.class, () -> service.cancel(a.id(), "o"));
        assertEquals("cancel", again.action());
    }

    @Test
    void aDraftAndAnAnnouncementBeingSentCanBeCancelled() {
        Announcement draft = service.draft(valid(), "o");
        assertEquals(AnnouncementState.CANCELLED, service.cancel(draft.id(), "o").state());
        Announcement sending = service.draft(valid(), "o");
        service.send(sending.id(), null);
        assertTrue(repository.startSending(sending.number(), NOW));
        assertEquals(AnnouncementState.CANCELLED, service.cancel(sending.id(), "o").state());
    }

    @Test
    void aSentAnnouncementCannotBeCancelled() {
        Announcement a = service.draft(valid(), "o");
        service.send(a.id(), null);
        assertTrue(repository.startSending(a.number(), NOW));
        assertTrue(repository.saveFanOut(a.number(), null, null, true, NOW));
        assertTrue(repository.finishIfDone(a.number(), NOW));
        AnnouncementConflict conflict = assertThrows(AnnouncementConflict.class, () -> service.cancel(a.id(), "o"));
        assertEquals(AnnouncementState.SENT, conflict.current().state());
        assertEquals(AnnouncementState.SENT, service.find(a.id()).state());
    }

    @Test
    void anIdThatIsNotAnAnnouncementIsUnknown() {
        assertThrows(UnknownAnnouncement.class, () -> service.find("42"));
        assertThrows(UnknownAnnouncement.class, () -> service.find("abc"));
        assertThrows(UnknownAnnouncement.class, () -> service.find("-1"));
        assertThrows(UnknownAnnouncement.class, () -> service.send("42", null));
        assertThrows(UnknownAnnouncement.class, () -> service.cancel("42", "o"));
    }
}
