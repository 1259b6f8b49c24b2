package io.convoc.core.announcements;

import io.convoc.core.validation.FieldError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ((placeholder)) notation: what is replaced, what is shown on condition, and what is refused with which field. */
class MessageTemplateTest {

    private static Function<Placeholder, String> values(Map<Placeholder, String> given) {
        Map<Placeholder, String> all = new EnumMap<>(Placeholder.class);
        for (Placeholder p : Placeholder.values()) {
            all.put(p, given.getOrDefault(p, ""));
        }
        return all::get;
    }

    private static final Function<Placeholder, String> NADIA = values(Map.of(
            Placeholder.NAME, "Mme Nadia Fassi",
            Placeholder.TITLE, "Experte",
            Placeholder.EVENT, "2èmes Assises",
            Placeholder.REFERENCE, "ANRA-2024/0042",
            Placeholder.LETTER_LINK, "https://c.example.ma/l/Ab3"));

    @Test
    void eachPlaceholderIsReplacedByTheRecipientsValue() {
        MessageTemplate t = MessageTemplate.of(
                "Bonjour ((name)), votre lettre (réf. ((reference))) : ((letter_link)) — ((event)).");
        assertEquals("Bonjour Mme Nadia Fassi, votre lettre (réf. ANRA-2024/0042) : https://c.example.ma/l/Ab3"
                + " — 2èmes Assises.", t.render(NADIA));
    }

    @Test
    void everyPlaceholderNamedInTheEnumIsAccepted() {
        for (Placeholder p : Placeholder.values()) {
            MessageTemplate t = MessageTemplate.of("[((" + p.key() + "))]");
            assertEquals("[" + p.name() + "]", t.render(Placeholder::name), p.key());
        }
    }

    @Test
    void aConditionalTextShowsOnlyWhenItsValueIsNotEmpty() {
        MessageTemplate t = MessageTemplate.of("Madame((title??, en qualité de )) ((title)).");
        assertEquals("Madame, en qualité de  Experte.", t.render(NADIA));
        assertEquals("Madame .", t.render(values(Map.of())));
        assertEquals("Madame   .", t.render(values(Map.of(Placeholder.TITLE, "  "))), "blank counts as empty");
        MessageTemplate link = MessageTemplate.of("((letter_link??Votre lettre est prête.))");
        assertEquals("Votre lettre est prête.", link.render(NADIA));
        assertEquals("", link.render(values(Map.of(Placeholder.NAME, "Mme Nadia Fassi"))),
                "the condition is its own placeholder's, not any other's");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingTheFieldAndThePlaceholder() {
        MessageTemplate.Parsed parsed = MessageTemplate.parse("body.fr", "Bonjour ((nom)), à bientôt.");
        assertFalse(parsed.ok());
        assertNull(parsed.template());
        assertEquals(List.of(FieldError.of("body.fr", "unknown_placeholder", "nom")), parsed.errors());
    }

    @Test
    void anUnknownConditionIsRefusedToo() {
        assertEquals(List.of(FieldError.of("sms.ar", "unknown_placeholder", "lien")),
                MessageTemplate.parse("sms.ar", "((lien??رابط الرسالة))").errors());
    }

    @Test
    void anEmptyPlaceholderIsUnknown() {
        MessageTemplate.Parsed parsed = MessageTemplate.parse("body.fr", "Bonjour (( )).");
        assertEquals(1, parsed.errors().size());
        assertEquals("unknown_placeholder", parsed.errors().get(0).code());
        assertEquals("body.fr", parsed.errors().get(0).field());
    }

    @Test
    void anUnclosedPlaceholderIsRefusedNamingTheField() {
        MessageTemplate.Parsed parsed = MessageTemplate.parse("subject.fr", "Bonjour ((name, à bientôt");
        assertFalse(parsed.ok());
        assertEquals(1, parsed.errors().size());
        assertEquals("subject.fr", parsed.errors().get(0).field());
        assertEquals("unclosed_placeholder", parsed.errors().get(0).code());
    }

    @Test
    void aTextThatDoesNotParseCannotBeMadeATemplate() {
        assertThrows(IllegalArgumentException.class, () -> MessageTemplate.of("((name"));
        assertThrows(IllegalArgumentException.class, () -> MessageTemplate.of("((nom))"));
    }

    @Test
    void placeholdersAreReadWithoutCase() {
        MessageTemplate t = MessageTemplate.of("((NAME)) ((Letter_Link)) ((Title??x))");
        assertEquals(EnumSet.of(Placeholder.NAME, Placeholder.LETTER_LINK, Placeholder.TITLE), t.placeholders());
        assertEquals("Mme Nadia Fassi https://c.example.ma/l/Ab3 x", t.render(NADIA));
        assertTrue(MessageTemplate.parse("body.fr", "(( name ))").ok(), "spaces inside the parentheses");
    }

    @Test
    void arabicTextAroundPlaceholdersSurvivesIntact() {
        Function<Placeholder, String> arabic = values(Map.of(
                Placeholder.NAME, "السيدة نادية الفاسي",
                Placeholder.EVENT, "المناظرة الوطنية حول الجهوية المتقدمة",
                Placeholder.REFERENCE, "ANRA-2024/0042"));
        MessageTemplate t = MessageTemplate.of(
                "السيد(ة) ((name))،\nيسعدنا دعوتكم إلى ((event)).((reference??\u200F رقم المرجع: ))((reference))");
        assertEquals("السيد(ة) السيدة نادية الفاسي،\nيسعدنا دعوتكم إلى المناظرة الوطنية حول الجهوية المتقدمة."
                + "\u200F رقم المرجع: ANRA-2024/0042", t.render(arabic));
        assertEquals(EnumSet.of(Placeholder.NAME, Placeholder.EVENT, Placeholder.REFERENCE), t.placeholders());
    }

    @Test
    void placeholdersListsEveryPlaceholderUsedAndOnlyThose() {
        assertEquals(EnumSet.noneOf(Placeholder.class), MessageTemplate.of("Aucun champ (sauf ceci).").placeholders());
        assertEquals(EnumSet.of(Placeholder.WORKSHOPS, Placeholder.DATES),
                MessageTemplate.of("((workshops??Vos ateliers : ))((workshops)), ((dates)), ((dates))")
                        .placeholders());
    }

    @Provide
    Arbitrary<String> withoutPlaceholders() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().withChars("()?) ab\nعربي").ofMaxLength(40),
                        Arbitraries.strings().all().ofMaxLength(40))
                .filter(s -> !s.contains("(("));
    }

    @Property(tries = 500)
    void aTextWithoutDoubleParenthesesRendersToItself(@ForAll("withoutPlaceholders") String text) {
        MessageTemplate.Parsed parsed = MessageTemplate.parse("body.fr", text);
        assertTrue(parsed.ok(), () -> parsed.errors().toString());
        assertTrue(parsed.template().placeholders().isEmpty());
        assertEquals(text, parsed.template().render(p -> {
            throw new AssertionError("no value is asked for: " + p);
        }));
    }
}
