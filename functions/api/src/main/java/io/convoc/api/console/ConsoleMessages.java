package io.convoc.api.console;

import io.convoc.core.event.Language;

import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every word the console shows, in one language: its own bundles ({@code io/convoc/api/console/console*}, one per
 * part of the console) and the domain's labels (categories, regions, statuses, errors) from the core bundle, so that
 * a status reads the same in the console as in an e-mail. French is the base bundle; nothing falls back to the
 * server's locale.
 */
final class ConsoleMessages {
    static final String CORE = "io.convoc.core.messages";
    static final java.util.List<String> BUNDLES = java.util.List.of(
            "io.convoc.api.console.console",
            "io.convoc.api.console.console-registrations",
            "io.convoc.api.console.console-programme",
            "io.convoc.api.console.console-announcements",
            "io.convoc.api.console.console-letters");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<Language, Map<String, String>> CACHE = new ConcurrentHashMap<>();

    private ConsoleMessages() {
    }

    static Map<String, String> of(Language language) {
        return CACHE.computeIfAbsent(language, ConsoleMessages::load);
    }

    private static Map<String, String> load(Language language) {
        Map<String, String> all = new TreeMap<>();
        add(all, CORE, language);
        for (String bundle : BUNDLES) {
            add(all, bundle, language);
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, String> all, String name, Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(name, language.locale(), NO_FALLBACK);
        for (String key : bundle.keySet()) {
            all.put(key, bundle.getString(key));
        }
    }
}
