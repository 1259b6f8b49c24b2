package io.convoc.notices.email;

import io.convoc.core.event.Language;
import io.convoc.notices.NoticeText;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Resolves {@code #{key(args)}} in the templates from the notices bundle, in the language of the part being
 * written: one email holds both languages, so the language comes from the local variable {@code lang} (set with
 * {@code th:with}) rather than from the context's single locale. A missing key fails the rendering: a notice with
 * "??key??" in it must never go out.
 */
final class BundleMessageResolver implements IMessageResolver {
    private final Map<Language, NoticeText> texts = new EnumMap<>(Language.class);

    BundleMessageResolver() {
        for (Language l : Language.values()) {
            texts.put(l, NoticeText.of(l));
        }
    }

    @Override
    public String getName() {
        return "convoc-notices";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        NoticeText text = texts.get(language(context, key));
        try {
            return text.get(key, parameters == null ? new Object[0] : parameters);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                    Object[] parameters) {
        throw new IllegalStateException("no message " + key + " in language " + language(context, key));
    }

    private static Language language(ITemplateContext context, String key) {
        Object lang = context.getVariable(EmailModel.LANGUAGE_VARIABLE);
        if (lang instanceof Language language) {
            return language;
        }
        throw new IllegalStateException("message " + key + " used outside of a th:with=\"lang=…\" block");
    }
}
