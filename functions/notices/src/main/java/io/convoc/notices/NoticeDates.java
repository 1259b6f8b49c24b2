package io.convoc.notices;

import io.convoc.core.event.Language;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as a person reads them in notices: "20 et 21 décembre 2024", "يومي 20 و21 دجنبر 2024".
 *
 * <p>Month and day names come from the bundle rather than from the JDK: the JDK gives the Moroccan months
 * (دجنبر, غشت…) for ar-MA only with its default CLDR provider, and a JVM started with another
 * {@code java.locale.providers} would silently write ديسمبر. Digits are always Western, as Morocco writes them.
 */
public final class NoticeDates {
    private final NoticeText text;
    private final DateTimeFormatter time;

    public NoticeDates(NoticeText text) {
        this.text = text;
        this.time = DateTimeFormatter.ofPattern(text.get("date.timePattern"), Locale.ROOT);
    }

    public static NoticeDates of(Language language) {
        return new NoticeDates(NoticeText.of(language));
    }

    /** "20 décembre 2024", "1er décembre 2024", "20 دجنبر 2024". */
    public String date(LocalDate date) {
        return text.get("date.full", day(date), month(date), year(date));
    }

    /** "vendredi 20 décembre 2024", "الجمعة 20 دجنبر 2024". */
    public String dateWithWeekday(LocalDate date) {
        return text.get("date.withWeekday", text.get("date.weekday." + date.getDayOfWeek().getValue()), date(date));
    }

    /**
     * The days of an event: "20 décembre 2024", "20 et 21 décembre 2024", "du 20 au 23 décembre 2024",
     * "du 30 novembre au 2 décembre 2024", "du 30 décembre 2024 au 2 janvier 2025" (and their Arabic forms).
     */
    public String range(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends before it starts: " + start + " > " + end);
        }
        if (start.equals(end)) {
            return text.get("date.range.oneDay", date(start));
        }
        if (start.getYear() != end.getYear()) {
            return text.get("date.range.other", date(start), date(end));
        }
        if (start.getMonth() != end.getMonth()) {
            return text.get("date.range.sameYear", day(start), month(start), day(end), month(end), year(end));
        }
        String key = end.equals(start.plusDays(1)) ? "date.range.twoDays" : "date.range.sameMonth";
        return text.get(key, day(start), day(end), month(end), year(end));
    }

    /** "09:30". */
    public String time(LocalDateTime dateTime) {
        return time.format(dateTime);
    }

    /** "09:30 – 12:30", "من 09:30 إلى 12:30" (a bare dash between two times reads backwards in right-to-left text). */
    public String timeRange(LocalDateTime start, LocalDateTime end) {
        return text.get("date.timeRange", time(start), time(end));
    }

    /** "vendredi 20 décembre", "الجمعة 20 دجنبر": a day of the event, where its year goes without saying (SMS). */
    public String dayWithWeekday(LocalDate date) {
        return text.get("date.dayWithWeekday", text.get("date.weekday." + date.getDayOfWeek().getValue()), day(date),
                month(date));
    }

    /**
     * A session's slot, for saying when it was or now is: "vendredi 20 décembre 2024, 15:00 – 18:00",
     * "الجمعة 20 دجنبر 2024، من 15:00 إلى 18:00" (the day it starts).
     */
    public String slot(LocalDateTime start, LocalDateTime end) {
        return text.get("date.slot", dateWithWeekday(start.toLocalDate()), timeRange(start, end));
    }

    private String day(LocalDate date) {
        int d = date.getDayOfMonth();
        return d == 1 ? text.get("date.firstDayOfMonth") : Integer.toString(d);
    }

    private String month(LocalDate date) {
        return text.get("date.month." + date.getMonthValue());
    }

    private static String year(LocalDate date) {
        return Integer.toString(date.getYear());
    }
}
