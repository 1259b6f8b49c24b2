package io.convoc.core.notifications;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LetterNoticesTest {
    private static final Instant AT = Instant.parse("2024-12-01T10:00:00Z");

    private static Registration with(LetterInfo letter, int scheduleChange) {
        return new Registration("r1", "assises-2024", null, new PersonName("Karim", "Alaoui", ""), "", "",
                Category.EXPERT, "", null, "k@example.ma", "+212612345678", null, List.of(), RegistrationSource.FORM,
                RegistrationStatus.LETTER_READY, null, letter, AT, AT, scheduleChange);
    }

    private static LetterInfo letter(int version, int scheduleChange) {
        return new LetterInfo(version, "ANRA-2024/0001", "k", "s", AT, scheduleChange);
    }

    private static String wanted(Registration before, Registration after) {
        return LetterNotices.wanted(before, after).map(w -> w.kind() + " v" + w.contentVersion()).orElse("none");
    }

    @Test
    void theFirstLetterSendsTheConfirmation() {
        assertEquals("CONFIRMATION v1", wanted(with(null, 0), with(letter(1, 0), 0)));
        assertEquals("CONFIRMATION v1", wanted(null, with(letter(1, 0), 0)));
    }

    @Test
    void aLetterThatShowsAProgrammeChangeSendsThatChangesNotice() {
        assertEquals("SCHEDULE_CHANGE v7", wanted(with(letter(1, 0), 7), with(letter(2, 7), 7)));
        assertEquals("SCHEDULE_CHANGE v9", wanted(with(letter(2, 7), 9), with(letter(3, 9), 9)));
    }

    @Test
    void aCorrectedNameOrAStatusWriteSendsNothing() {
        assertEquals("none", wanted(with(letter(1, 0), 0), with(letter(2, 0), 0)), "new version, same programme");
        assertEquals("none", wanted(with(letter(2, 7), 7), with(letter(2, 7), 7)), "no new letter");
        assertEquals("none", wanted(with(letter(1, 0), 7), with(null, 7)));
        assertEquals(Optional.empty(), LetterNotices.wanted(with(letter(3, 9), 9), with(letter(2, 7), 9)),
                "an older image replayed");
    }
}
