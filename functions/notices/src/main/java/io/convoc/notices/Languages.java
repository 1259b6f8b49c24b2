package io.convoc.notices;

import io.convoc.core.event.Language;
import io.convoc.core.registration.LanguagePreference;

import java.util.List;

/** The languages of a document everyone gets in both: e-mails and calendars. */
public final class Languages {
    private Languages() {
    }

    /**
     * Both languages, the preferred one first: an e-mail or a calendar may be forwarded, shown on a shared screen or
     * read by an assistant, so it always carries both (an SMS stays in the languages the person reads: see
     * {@link io.convoc.notices.sms.SmsComposer}).
     */
    public static List<Language> preferredFirst(LanguagePreference preference) {
        return preference.preferred() == Language.AR ? List.of(Language.AR, Language.FR)
                : List.of(Language.FR, Language.AR);
    }
}
