package io.convoc.notices;

import io.convoc.core.announcements.Placeholder;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The values an announcement's placeholders take for one person, in each language. */
class AnnouncementValuesTest {
    private static final URI LINK = URI.create("https://convoc.example.ma/l/Ab3dE");

    private static Registration withoutLetter(Registration r, Civility civility, String titleAr) {
        return new Registration(r.id(), r.eventId(), civility, r.name(), r.titleFr(), titleAr, r.category(),
                r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), r.workshops(), r.source(),
                r.status(), null, null, r.createdAt(), r.updatedAt());
    }

    @Test
    void givesEachPlaceholderInTheLanguageOfTheText() {
        AnnouncementValues values = new AnnouncementValues(Fixtures.assises(),
                Fixtures.invitee(LanguagePreference.BOTH), LINK);
        assertEquals("Monsieur Karim Alaoui", values.value(Placeholder.NAME, Language.FR));
        assertEquals("السيد كريم العلوي", values.value(Placeholder.NAME, Language.AR));
        assertEquals("Président du Conseil", values.value(Placeholder.TITLE, Language.FR));
        assertEquals("رئيس المجلس", values.value(Placeholder.TITLE, Language.AR));
        assertEquals("Conseil de la Région", values.value(Placeholder.ORGANISATION, Language.AR));
        assertEquals("2èmes Assises nationales de la régionalisation avancée", values.value(Placeholder.EVENT, Language.FR));
        assertEquals("20 et 21 décembre 2024", values.value(Placeholder.DATES, Language.FR));
        assertEquals("يومي 20 و21 دجنبر 2024", values.value(Placeholder.DATES, Language.AR));
        assertEquals("ANRA-2024/0153", values.value(Placeholder.REFERENCE, Language.AR));
        assertEquals(LINK.toString(), values.value(Placeholder.LETTER_LINK, Language.AR));
        assertEquals("Le renforcement de l’attractivité territoriale, La transformation numérique des collectivités "
                + "territoriales", values.value(Placeholder.WORKSHOPS, Language.FR));
        assertEquals("تعزيز الجاذبية الترابية، التحول الرقمي للجماعات الترابية",
                values.value(Placeholder.WORKSHOPS, Language.AR));
        assertEquals(Placeholder.values().length, values.in(Language.FR).size());
    }

    @Test
    void whatThePersonDoesNotHaveIsEmptySoThatConditionsLeaveItOut() {
        Registration r = withoutLetter(Fixtures.invitee(Civility.EXCELLENCE, new PersonName("Aziz", "Tazi", ""),
                "aziz@example.ma", LanguagePreference.BOTH), Civility.EXCELLENCE, "");
        ProgrammeSession numerique = Fixtures.assises().session("ws-numerique").orElseThrow();
        AnnouncementValues values = new AnnouncementValues(Fixtures.assises().with(new ProgrammeSession(numerique.id(),
                numerique.kind(), numerique.title(), numerique.start(), numerique.end(), numerique.room(),
                SessionStatus.CANCELLED, numerique.version() + 1)), r, LINK);

        assertEquals("معالي Aziz Tazi", values.value(Placeholder.NAME, Language.AR), "the Latin name when no Arabic one");
        assertEquals("Président du Conseil", values.value(Placeholder.TITLE, Language.AR), "the other language's title");
        assertEquals("", values.value(Placeholder.REFERENCE, Language.FR));
        assertEquals("", values.value(Placeholder.LETTER_LINK, Language.FR), "no letter, no link");
        assertEquals("Le renforcement de l’attractivité territoriale", values.value(Placeholder.WORKSHOPS, Language.FR),
                "a cancelled workshop is not attended");
        assertEquals("Bonjour Son Excellence Aziz Tazi.",
                values.render(Bilingual.of("Bonjour ((name)).((letter_link?? Lettre : ))((letter_link))", ""),
                        Language.FR));
    }
}
