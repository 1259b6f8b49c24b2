package io.convoc.notices;

import io.convoc.core.announcements.MessageTemplate;
import io.convoc.core.announcements.Placeholder;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.registration.Registration;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the placeholders of an announcement say for one recipient, in one language: the one place that fills them, for
 * the e-mail, the SMS and the organizers' preview alike. Every value is one clean line ({@link PlainValues}); a value
 * the person does not have is empty (so that {@code ((flag??text))} leaves the text out).
 * <ul>
 * <li>{@code name}: civility and name, as the person is addressed in that language ("Madame Nadia Fassi", "السيدة
 * نادية الفاسي");</li>
 * <li>{@code title}: their title in that language, else in the other;</li>
 * <li>{@code organisation}, {@code event} (its name), {@code dates} (the event's days, as notices write them);</li>
 * <li>{@code reference}: their letter's reference number, empty before the letter is ready;</li>
 * <li>{@code letter_link}: the link the caller gives (a signed download link, a short link), empty without a
 * letter;</li>
 * <li>{@code workshops}: the titles of the workshops they attend, in the order of the programme, cancelled ones
 * left out.</li>
 * </ul>
 */
public final class AnnouncementValues {
    private final Programme programme;
    private final Registration registration;
    private final String letterLink;

    /**
     * @param letterLink where the person downloads their letter; null when they have none (yet)
     */
    public AnnouncementValues(Programme programme, Registration registration, URI letterLink) {
        this.programme = Objects.requireNonNull(programme, "programme");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.letterLink = letterLink == null || registration.currentLetter().isEmpty() ? ""
                : PlainValues.oneLine(letterLink.toASCIIString());
    }

    public static AnnouncementValues of(AnnouncementNotice notice, URI letterLink) {
        return new AnnouncementValues(notice.programme(), notice.registration(), letterLink);
    }

    /** The value of {@code placeholder} for this person in {@code language}. */
    public String value(Placeholder placeholder, Language language) {
        Objects.requireNonNull(language, "language");
        Event event = programme.event();
        return switch (placeholder) {
            case NAME -> name(language);
            case TITLE -> PlainValues.in(Bilingual.of(registration.titleFr(), registration.titleAr()), language);
            case ORGANISATION -> PlainValues.oneLine(registration.organisation());
            case EVENT -> PlainValues.in(event.name(), language);
            case DATES -> NoticeDates.of(language).range(event.startDate(), event.endDate());
            case REFERENCE -> registration.currentLetter().map(l -> PlainValues.oneLine(l.reference())).orElse("");
            case LETTER_LINK -> letterLink;
            case WORKSHOPS -> workshops(language);
        };
    }

    /** Every placeholder's value in {@code language} (for a preview). */
    public Map<Placeholder, String> in(Language language) {
        Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
        for (Placeholder p : Placeholder.values()) {
            values.put(p, value(p, language));
        }
        return values;
    }

    /** The text in {@code language} with this person's values, as written (line breaks kept). */
    public String render(Bilingual text, Language language) {
        return MessageTemplate.of(text.in(language)).render(p -> value(p, language));
    }

    private String name(Language language) {
        String name = PlainValues.oneLine(language == Language.AR ? registration.name().arabicOrLatin()
                : registration.name().latinOrArabic());
        String civility = registration.civility() == null ? "none" : registration.civility().name();
        return PlainValues.oneLine(NoticeText.of(language).get("announcement.name." + civility, name));
    }

    private String workshops(Language language) {
        NoticeText words = NoticeText.of(language);
        List<String> titles = programme.attendedBy(registration.workshops()).stream()
                .filter(ProgrammeSession::isWorkshop)
                .map(s -> PlainValues.in(s.title(), language))
                .filter(t -> !t.isEmpty())
                .toList();
        String joined = "";
        for (String title : titles) {
            joined = joined.isEmpty() ? title : words.get("announcement.workshops.and", joined, title);
        }
        return joined;
    }
}
