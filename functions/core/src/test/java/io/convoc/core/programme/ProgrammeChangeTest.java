package io.convoc.core.programme;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgrammeChangeTest {
    private final ProgrammeSession workshop = TestProgrammes.assises().session("ws-numerique").orElseThrow();
    private final ProgrammeSession opening = TestProgrammes.assises().session("opening").orElseThrow();

    private static ProgrammeSession edit(ProgrammeSession s, LocalDateTime start, LocalDateTime end, Bilingual room,
                                         Bilingual title, SessionStatus status) {
        return new ProgrammeSession(s.id(), s.kind(), title, start, end, room, status, s.version() + 1);
    }

    @Test
    void aMovedWorkshopChangesTimeAndRoomButNotTitle() {
        ProgrammeSession moved = edit(workshop, workshop.start().plusHours(5), workshop.end().plusHours(5),
                Bilingual.of("Salle 4", "القاعة 4"), workshop.title(), SessionStatus.SCHEDULED);
        assertEquals(Set.of(ChangeKind.TIME, ChangeKind.ROOM), ProgrammeChange.between(workshop, moved));
    }

    @Test
    void anEditOnlyOfTheVersionIsNoChangeAPersonSees() {
        assertTrue(ProgrammeChange.between(workshop, workshop.withVersion(7)).isEmpty());
    }

    @Test
    void cancellingAndReinstatingAreNamedAndASessionThatStaysCancelledConcernsNobody() {
        ProgrammeSession cancelled = edit(workshop, workshop.start(), workshop.end(), workshop.room(), workshop.title(),
                SessionStatus.CANCELLED);
        assertEquals(Set.of(ChangeKind.CANCELLED), ProgrammeChange.between(workshop, cancelled));
        assertEquals(Set.of(ChangeKind.REINSTATED), ProgrammeChange.between(cancelled, workshop.withVersion(3)));
        ProgrammeSession stillCancelledMoved = edit(cancelled, cancelled.start().plusHours(1),
                cancelled.end().plusHours(1), cancelled.room(), cancelled.title(), SessionStatus.CANCELLED);
        assertTrue(ProgrammeChange.between(cancelled, stillCancelledMoved).isEmpty());
    }

    @Test
    void aNewSessionIsAddedUnlessItWasCancelledInItsOwnWindow() {
        assertEquals(Set.of(ChangeKind.ADDED), ProgrammeChange.between(null, opening));
        assertTrue(ProgrammeChange.between(null, edit(opening, opening.start(), opening.end(), opening.room(),
                opening.title(), SessionStatus.CANCELLED)).isEmpty());
    }

    @Test
    void aPlenaryConcernsEveryoneAndAWorkshopItsParticipantsRegisteredBeforeTheFirstEdit() {
        Instant since = Instant.parse("2024-12-10T10:00:00Z");
        ProgrammeChange plenary = new ProgrammeChange("e", 1, "opening", opening, opening.withVersion(2), 2, since,
                since.plusSeconds(300), null);
        ProgrammeChange ws = new ProgrammeChange("e", 2, "ws-numerique", workshop, workshop.withVersion(2), 2, since,
                since.plusSeconds(300), null);
        assertTrue(plenary.concernsEveryone());
        assertTrue(plenary.workshop().isEmpty());
        assertEquals("ws-numerique", ws.workshop().orElseThrow());
        assertTrue(ws.concernsRegistrationOf(since.minusSeconds(1)));
        assertFalse(ws.concernsRegistrationOf(since.plusSeconds(1)), "registered after: the first letter shows it");
    }
}
