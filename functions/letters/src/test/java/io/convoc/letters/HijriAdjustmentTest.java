package io.convoc.letters;

import io.convoc.core.event.Event;
import io.convoc.core.letters.InvitationLetter;
import io.convoc.core.event.Programme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hijri date follows the official Moroccan calendar when the event's data says how far it is from the tabular one. */
class HijriAdjustmentTest {

    private static String arabicDateLine(int adjustment) {
        Event e = SampleLetters.assises().event();
        Event adjusted = new Event(e.id(), e.name(), e.theme(), e.patronage(), e.city(), e.venue(), e.startDate(),
                e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(), e.practicalInformation(),
                e.referencePrefix(), e.foreignMobiles(), adjustment);
        InvitationLetter president = SampleLetters.presidentLetter();
        InvitationLetter letter = new InvitationLetter(new Programme(adjusted, SampleLetters.assises().sessions()),
                president.registration(), president.reference(), president.version(), president.issuedOn(),
                president.qrPayload());
        String text = Pdfs.text(LetterRenderer.shared().render(letter));
        return text.lines().filter(l -> l.contains("1446")).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void withoutAdjustmentTheTabularDateIsPrinted() {
        // 2 December 2024 is 30 Jumada al-Ula 1446 in the tabular calendar
        String line = arabicDateLine(0);
        assertTrue(line.contains("30 جمادى الأولى 1446"), line);
    }

    @Test
    void aDayAddedByTheEventMovesTheHijriDateOnly() {
        String line = arabicDateLine(1);
        assertTrue(line.contains("1 جمادى الآخرة 1446"), line);
        assertTrue(line.contains("2 دجنبر 2024"), line); // the Gregorian date does not move
        assertFalse(line.contains("جمادى الأولى"), line);
        assertTrue(arabicDateLine(-1).contains("29 جمادى الأولى 1446"), arabicDateLine(-1));
    }

    @Test
    void anAdjustmentBeyondTwoDaysIsRefused() {
        Event e = SampleLetters.assises().event();
        assertThrows(IllegalArgumentException.class, () -> new Event(e.id(), e.name(), e.theme(), e.patronage(),
                e.city(), e.venue(), e.startDate(), e.endDate(), e.zone(), e.organizers(), e.signatory(),
                e.issuingPlace(), e.practicalInformation(), e.referencePrefix(), false, 3));
    }
}
