package io.convoc.core.validation;

import io.convoc.core.event.Language;

import java.text.MessageFormat;
import java.util.Collection;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of the domain (categories, civilities, regions, error messages) in French and Arabic,
 * from the bundle {@code io/convoc/core/messages}. Nothing a person reads is written in code.
 */
public final class Messages {
    private static final String BUNDLE = "io.convoc.core.messages";
    // French is the base bundle: never fall back to the JVM's default locale (an ar-MA server would
    // otherwise print Arabic labels in the French column)
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    public static String text(Language language, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK);
        String pattern = bundle.getString(key);
        return new MessageFormat(pattern, language.locale()).format(args);
    }

    public static boolean has(String key) {
        try {
            ResourceBundle.getBundle(BUNDLE, Language.FR.locale(), NO_FALLBACK).getString(key);
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /** A value of an enum (category, civility, region…) as a person reads it. */
    public static String label(Language language, Enum<?> value) {
        return text(language, prefix(value.getDeclaringClass()) + "." + value.name());
    }

    /** A value of an enum in both languages. */
    public static io.convoc.core.event.Bilingual labels(Enum<?> value) {
        return io.convoc.core.event.Bilingual.of(label(Language.FR, value), label(Language.AR, value));
    }

    public static String error(Language language, FieldError error) {
        // an enum value with a label (a state, a category) reads as its label in the language of the message
        Object[] args = error.args().stream().map(a -> a instanceof Enum<?> e
                && has(prefix(e.getDeclaringClass()) + "." + e.name()) ? label(language, e) : display(a)).toArray();
        return text(language, "error." + error.code(), args);
    }

    public static String prefix(Class<?> enumType) {
        String simple = enumType.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static Object display(Object arg) {
        if (arg instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return arg;
    }

    /** All languages, for code that must match a value typed in either. */
    public static List<Language> languages() {
        return Language.all();
    }
}
