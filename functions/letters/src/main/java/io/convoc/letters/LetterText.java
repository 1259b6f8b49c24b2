package io.convoc.letters;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.GregorianCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.convoc.core.event.Language;

import java.text.Format;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The words of the letter in one language, from the bundle {@code io/convoc/letters/letter} (ICU MessageFormat
 * patterns with named arguments, so that a translator sees {@code {event}} rather than {@code {2}}).
 *
 * <p>Dates are passed as calendars in GMT, so the JVM's time zone never shifts a day. ICU formats month names
 * for ar-MA the Moroccan way (دجنبر, غشت…). Keys starting with {@code hijri.} are formatted with the tabular
 * Islamic calendar. Not thread-safe: it caches compiled patterns; the renderer keeps one per thread.
 */
final class LetterText {
    private static final String BUNDLE = "io.convoc.letters.letter";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Language language;
    private final ULocale locale;
    private final ULocale hijriLocale;
    private final ResourceBundle bundle;
    private final Map<String, MessageFormat> formats = new HashMap<>();

    LetterText(Language language) {
        this(language, BUNDLE);
    }

    /** The words of another document made with the letters' machinery (the export cover: {@code cover}). */
    LetterText(Language language, String bundleName) {
        this.language = language;
        this.locale = ULocale.forLocale(language.locale());
        this.hijriLocale = locale.setKeywordValue("calendar", "islamic-civil");
        // no fallback to the JVM's default locale: French is the base bundle, whatever the machine's locale
        Locale bundleLocale = language == Language.FR ? Locale.ROOT : language.locale();
        this.bundle = ResourceBundle.getBundle(bundleName, bundleLocale, LetterText.class.getClassLoader(),
                NO_FALLBACK);
    }

    Language language() {
        return language;
    }

    /** The message {@code key} with named arguments given as name, value, name, value… */
    String format(String key, Object... namesAndValues) {
        return compiled(key).format(arguments(namesAndValues));
    }

    /** Like {@link #format} for a text that starts a sentence or a heading: a leading day name is capitalised. */
    String sentence(String key, Object... namesAndValues) {
        MessageFormat format = compiled(key);
        for (String name : format.getArgumentNames()) {
            Format sub = format.getFormatByArgumentName(name);
            if (sub instanceof DateFormat dateFormat) {
                dateFormat.setContext(DisplayContext.CAPITALIZATION_FOR_BEGINNING_OF_SENTENCE);
            }
        }
        return format.format(arguments(namesAndValues));
    }

    private MessageFormat compiled(String key) {
        return formats.computeIfAbsent(key, k ->
                new MessageFormat(bundle.getString(k), k.startsWith("hijri.") ? hijriLocale : locale));
    }

    private static Map<String, Object> arguments(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come as name, value pairs");
        }
        Map<String, Object> args = new HashMap<>(namesAndValues.length);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return args;
    }

    /** A date argument: a calendar in GMT at midnight of that day. */
    static GregorianCalendar date(LocalDate date) {
        return dateTime(date.atStartOfDay());
    }

    /** A date-time argument, local to the event: a calendar in GMT holding the same wall-clock time. */
    static GregorianCalendar dateTime(LocalDateTime dateTime) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
        calendar.clear();
        calendar.set(dateTime.getYear(), dateTime.getMonthValue() - 1, dateTime.getDayOfMonth(),
                dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond());
        return calendar;
    }
}
