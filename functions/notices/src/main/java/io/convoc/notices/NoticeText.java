package io.convoc.notices;

import io.convoc.core.event.Language;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The words of notices in one language, from the bundle {@code io/convoc/notices/notices} (French is the base
 * bundle, Arabic is {@code notices_ar}). Patterns are {@link MessageFormat}s with numbered arguments; arguments are
 * always passed as strings so that no number is ever grouped ("2 024") or given other digits.
 */
public final class NoticeText {
    static final String BUNDLE = "io.convoc.notices.notices";
    // no fallback to the JVM's default locale: French is the base bundle whatever the machine's locale
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Language language;
    private final ResourceBundle bundle;

    private NoticeText(Language language) {
        this.language = language;
        Locale bundleLocale = language == Language.FR ? Locale.ROOT : language.locale();
        this.bundle = ResourceBundle.getBundle(BUNDLE, bundleLocale, NoticeText.class.getClassLoader(), NO_FALLBACK);
    }

    /** Cheap: the bundles are cached by {@link ResourceBundle}. */
    public static NoticeText of(Language language) {
        return new NoticeText(Objects.requireNonNull(language, "language"));
    }

    public Language language() {
        return language;
    }

    /** The message {@code key} with its arguments; a missing key is a programming error and throws. */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        Object[] strings = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i] == null ? "" : String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, language.locale()).format(strings);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
