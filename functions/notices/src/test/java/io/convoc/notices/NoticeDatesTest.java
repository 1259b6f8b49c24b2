package io.convoc.notices;

import io.convoc.core.event.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NoticeDatesTest {

    @ParameterizedTest(name = "{0} → {1} | {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-12-20 | 2024-12-20 | 20 décembre 2024                     | يوم 20 دجنبر 2024
            2024-12-20 | 2024-12-21 | 20 et 21 décembre 2024               | يومي 20 و21 دجنبر 2024
            2024-12-20 | 2024-12-23 | du 20 au 23 décembre 2024            | من 20 إلى 23 دجنبر 2024
            2024-11-30 | 2024-12-01 | du 30 novembre au 1er décembre 2024  | من 30 نونبر إلى 1 دجنبر 2024
            2024-12-31 | 2025-01-01 | du 31 décembre 2024 au 1er janvier 2025 | من 31 دجنبر 2024 إلى 1 يناير 2025
            2025-08-01 | 2025-08-01 | 1er août 2025                        | يوم 1 غشت 2025
            """)
    void eventDaysReadAsPeopleWriteThem(LocalDate start, LocalDate end, String french, String arabic) {
        assertEquals(french, NoticeDates.of(Language.FR).range(start, end));
        assertEquals(arabic, NoticeDates.of(Language.AR).range(start, end));
    }

    @Test
    void yearsAreNeverGroupedAndDigitsStayWestern() {
        // MessageFormat would write 2 024 for a number; the dates pass strings
        assertEquals("20 دجنبر 2024", NoticeDates.of(Language.AR).date(LocalDate.of(2024, 12, 20)));
        assertEquals("20 décembre 2024", NoticeDates.of(Language.FR).date(LocalDate.of(2024, 12, 20)));
    }

    @Test
    void arabicTimeRangesSayFromAndTo() {
        LocalDateTime start = LocalDateTime.of(2024, 12, 20, 9, 30);
        LocalDateTime end = LocalDateTime.of(2024, 12, 20, 12, 30);
        // "09:30 – 12:30" inside right-to-left text displays as 12:30 – 09:30
        assertEquals("من 09:30 إلى 12:30", NoticeDates.of(Language.AR).timeRange(start, end));
        assertEquals("09:30 – 12:30", NoticeDates.of(Language.FR).timeRange(start, end));
    }

    @Test
    void weekdaysComeWithTheDate() {
        assertEquals("vendredi 20 décembre 2024", NoticeDates.of(Language.FR).dateWithWeekday(LocalDate.of(2024, 12, 20)));
        assertEquals("السبت 21 دجنبر 2024", NoticeDates.of(Language.AR).dateWithWeekday(LocalDate.of(2024, 12, 21)));
    }

    @Test
    void aSessionsSlotSaysItsDayAndTimes() {
        LocalDateTime start = LocalDateTime.of(2024, 12, 20, 15, 0);
        LocalDateTime end = LocalDateTime.of(2024, 12, 20, 18, 0);
        assertEquals("vendredi 20 décembre 2024, 15:00 – 18:00", NoticeDates.of(Language.FR).slot(start, end));
        assertEquals("الجمعة 20 دجنبر 2024، من 15:00 إلى 18:00", NoticeDates.of(Language.AR).slot(start, end));
        // an SMS leaves the event's year out
        assertEquals("vendredi 20 décembre", NoticeDates.of(Language.FR).dayWithWeekday(start.toLocalDate()));
        assertEquals("الجمعة 20 دجنبر", NoticeDates.of(Language.AR).dayWithWeekday(start.toLocalDate()));
    }

    @Test
    void moroccanMonthNamesAreTheOnesOfCldrArMa() {
        // the bundle holds the months so that no JVM setting can turn دجنبر into ديسمبر; this JDK's CLDR data agrees
        DateTimeFormatter cldr = DateTimeFormatter.ofPattern("d MMMM y", Language.AR.locale());
        DateTimeFormatter cldrDay = DateTimeFormatter.ofPattern("EEEE", Language.AR.locale());
        NoticeDates ours = NoticeDates.of(Language.AR);
        for (int month = 1; month <= 12; month++) {
            LocalDate date = LocalDate.of(2024, month, 20);
            assertEquals(cldr.format(date), ours.date(date));
            assertEquals(cldrDay.format(date) + " " + cldr.format(date), ours.dateWithWeekday(date));
        }
        assertEquals("20 دجنبر 2024", ours.date(LocalDate.of(2024, 12, 20)));
    }

    @Test
    void frenchMonthNamesAreTheOnesOfCldr() {
        DateTimeFormatter cldr = DateTimeFormatter.ofPattern("EEEE d MMMM y", Language.FR.locale());
        for (int month = 1; month <= 12; month++) {
            LocalDate date = LocalDate.of(2024, month, 20);
            assertEquals(cldr.format(date), NoticeDates.of(Language.FR).dateWithWeekday(date));
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAMistake() {
        assertThrows(IllegalArgumentException.class,
                () -> NoticeDates.of(Language.FR).range(LocalDate.of(2024, 12, 21), LocalDate.of(2024, 12, 20)));
    }
}
