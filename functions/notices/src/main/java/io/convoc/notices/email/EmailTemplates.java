package io.convoc.notices.email;

import io.convoc.core.notifications.NoticeKind;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Thymeleaf templates of notice emails, one set per {@link NoticeKind}: {@code templates/<kind>.html} and
 * {@code templates/<kind>.txt}. An HTML template gives the content of one language's section to the page of
 * {@code templates/layout.html} and builds it from the fragments of {@code templates/common.html}; a text template
 * inserts the pieces of {@code templates/parts/} (text templates have no fragment selectors: each piece is a file).
 * Thread-safe; build one and keep it (parsing the templates is the costly part, and they are cached).
 */
final class EmailTemplates {
    private static final String PREFIX = "io/convoc/notices/templates/";
    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t]+(?=\\n)");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private final TemplateEngine engine;

    EmailTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new BundleMessageResolver());
    }

    record Rendered(String html, String text) {
    }

    Rendered render(NoticeKind kind, Map<String, Object> variables) {
        // the locale is unused by our message resolver (each part says its language), ROOT keeps it that way
        Context context = new Context(Locale.ROOT, variables);
        String html = engine.process(kind.key() + ".html", context);
        String text = engine.process(kind.key() + ".txt", context);
        return new Rendered(html, tidy(text));
    }

    // text templates leave the blank lines of their [# …] blocks: keep at most one blank line between paragraphs
    private static String tidy(String text) {
        String t = TRAILING_SPACES.matcher(text.replace("\r\n", "\n")).replaceAll("");
        return BLANK_LINES.matcher(t).replaceAll("\n\n").strip() + "\n";
    }
}
