package io.convoc.letters;

import io.convoc.core.event.Language;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LetterTextTest {
    private final LetterText fr = new LetterText(Language.FR);
    private final LetterText ar = new LetterText(Language.AR);

    @Test
    void arabicMonthsAreTheMoroccanOnes() {
        String[] expected = {"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
                "نونبر", "دجنبر"};
        for (int month = 1; month <= 12; month++) {
            String date = ar.format("date", "date", LetterText.date(LocalDate.of(2024, month, 20)));
            assertEquals("20 " + expected[month - 1] + " 2024", date);
        }
        assertFalse(ar.format("date", "date", LetterText.date(LocalDate.of(2024, 12, 20))).contains("ديسمبر"));
    }

    @Test
    void hijriDateUsesTheTabularIslamicCalendar() {
        assertEquals("18 جمادى الآخرة 1446 هـ",
                ar.format("hijri.date", "date", LetterText.date(LocalDate.of(2024, 12, 20))));
    }

    @Test
    void frenchWritesTheFirstOfTheMonthAsAnOrdinal() {
        assertEquals("Rabat, le 1er décembre 2024", fr.format("placeAndDate", "place", "Rabat", "day", 1,
                "date", LetterText.date(LocalDate.of(2024, 12, 1))));
        assertEquals("Rabat, le 20 décembre 2024", fr.format("placeAndDate", "place", "Rabat", "day", 20,
                "date", LetterText.date(LocalDate.of(2024, 12, 20))));
    }

    @Test
    void eventDatesFollowEachLanguagesUsage() {
        var start = LetterText.date(LocalDate.of(2024, 12, 20));
        var end = LetterText.date(LocalDate.of(2024, 12, 21));
        assertEquals("les 20 et 21 décembre 2024", fr.format("dates.twoDays", "d1", 20, "d2", 21, "start", start,
                "end", end));
        assertEquals("يومي 20 و21 دجنبر 2024", ar.format("dates.twoDays", "d1", 20, "d2", 21, "start", start,
                "end", end));
    }

    @Test
    void datesDoNotDependOnTheMachinesTimeZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            com.ibm.icu.util.TimeZone.setDefault(com.ibm.icu.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
            LetterText text = new LetterText(Language.FR);
            assertEquals("Vendredi 20 décembre 2024",
                    text.sentence("programme.day", "day", LetterText.date(LocalDate.of(2024, 12, 20))));
            assertEquals("09:30 – 12:30", text.format("session.time",
                    "start", LetterText.dateTime(LocalDateTime.of(2024, 12, 20, 9, 30)),
                    "end", LetterText.dateTime(LocalDateTime.of(2024, 12, 20, 12, 30))));
        } finally {
            TimeZone.setDefault(saved);
            com.ibm.icu.util.TimeZone.setDefault(com.ibm.icu.util.TimeZone.getTimeZone(saved.getID()));
        }
    }

    @Test
    void salutationAndClosingFollowTheCivility() {
        assertEquals("Excellence,", fr.format("salutation", "civilityKey", "EXCELLENCE"));
        assertEquals("Madame, Monsieur,", fr.format("salutation", "civilityKey", "none"));
        assertEquals("سلام تام بوجود مولانا الإمام، وبعد،", ar.format("salutation", "civilityKey", "MADAME"));
    }
}
