package io.convoc.notices.email;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.event.Bilingual;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.Fixtures;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An organizers' announcement by e-mail, read back from its bytes as a mail client reads it. */
class AnnouncementEmailTest {
    private static final Instant NOW = Instant.parse("2024-12-10T09:00:00Z");
    private static final EmailComposer COMPOSER = new EmailComposer(EmailSettings.builder()
            .from("noreply@convoc.example.ma", "Assises de la régionalisation | المناظرة الوطنية للجهوية")
            .replyTo("contact@convoc.example.ma").build(), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final LetterTokens TOKENS = new LetterTokens("a-test-key-of-enough-length");
    private static final URI LETTER = URI.create("https://convoc.example.ma/api/public/letters/reg-0153.1.1734000000.x");
    private static final Announcement ANNOUNCEMENT = Fixtures.announcement(7,
            Bilingual.of("Accueil des participants – ((event))", "استقبال المشاركين – ((event))"),
            Bilingual.of("""
                    Bonjour ((name)),

                    En votre qualité de ((title)), ((organisation)), nous vous attendons ((dates)).
                    Vos ateliers : ((workshops)).
                    ((letter_link??Votre lettre N° ))((reference))((letter_link??, à télécharger : ))((letter_link))

                    Prix : 3 < 5 & "ok\"""", """
                    ((name))،

                    بصفتكم ((title))، ((organisation))، ننتظركم ((dates)).
                    ورشاتكم: ((workshops)).
                    ((letter_link??رسالتكم رقم ))((reference))((letter_link??، للتحميل: ))((letter_link))"""));

    private static URI unsubscribe(Registration r) {
        return URI.create("https://convoc.example.ma/api/public/unsubscribe/"
                + TOKENS.signUnsubscribe(r.id(), r.email(), NOW.plus(LetterTokens.UNSUBSCRIBE_LIFETIME)));
    }

    private static ComposedEmail compose(Registration r, URI letterLink) {
        return COMPOSER.compose(new AnnouncementNotice(Fixtures.assises(), r, ANNOUNCEMENT), unsubscribe(r), letterLink);
    }

    private static Document html(ComposedEmail email) {
        return Jsoup.parse(ReadBack.text(ReadBack.parse(email.raw()), "text/html"));
    }

    @Test
    void isTextAndHtmlAloneWithNoLetterAttachedAndNoCalendar() throws Exception {
        ComposedEmail email = compose(Fixtures.invitee(LanguagePreference.BOTH), LETTER);
        MimeMessage message = ReadBack.parse(email.raw());

        assertTrue(message.isMimeType("multipart/alternative"), message.getContentType());
        Multipart alternative = (Multipart) message.getContent();
        assertEquals(List.of("text/plain", "text/html"), List.of(
                new ContentType(alternative.getBodyPart(0).getContentType()).getBaseType(),
                new ContentType(alternative.getBodyPart(1).getContentType()).getBaseType()));
        List<Part> leaves = ReadBack.leaves(message);
        assertEquals(2, leaves.size());
        assertTrue(leaves.stream().noneMatch(p -> ReadBack.is(p, "application/pdf") || ReadBack.is(p, "text/calendar")));
        assertEquals(LetterDelivery.NONE, email.letterDelivery());
        assertNull(email.calendar());
    }

    @Test
    void carriesTheOneClickUnsubscribeOfRfc8058WithALinkThatOptsOutThisAddress() throws Exception {
        Registration r = Fixtures.invitee(LanguagePreference.BOTH);
        ComposedEmail email = compose(r, LETTER);
        MimeMessage message = ReadBack.parse(email.raw());

        String[] listUnsubscribe = message.getHeader("List-Unsubscribe");
        assertEquals(1, listUnsubscribe.length);
        assertTrue(listUnsubscribe[0].matches("<https://convoc\\.example\\.ma/api/public/unsubscribe/[^<>\\s]+>"),
                listUnsubscribe[0]);
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post")[0]);
        String link = listUnsubscribe[0].substring(1, listUnsubscribe[0].length() - 1);
        assertEquals(Optional.of(URI.create(link)), email.unsubscribeLink());
        String token = link.substring(link.lastIndexOf('/') + 1);
        Map<String, String> addresses = Map.of(r.id(), r.email());
        assertEquals(Optional.of(r.email()), TOKENS.verifyUnsubscribe(token,
                id -> Optional.ofNullable(addresses.get(id)), NOW.plusSeconds(300 * 86_400L)), "valid for months");
        assertFalse(link.contains("@") || link.contains("alaoui"), "no contact data in the link: " + link);

        // the same link, visible, at the foot of each language's part
        Document html = html(email);
        List<Element> footers = html.select("a[href=" + link + "]");
        assertEquals(2, footers.size());
        assertEquals("se désabonner des annonces", footers.get(0).text());
        assertEquals("إلغاء الاشتراك في الإعلانات", footers.get(1).text());
        String text = ReadBack.text(message, "text/plain");
        assertTrue(text.contains("parviendront toujours)\u00a0:\n" + link + "\n"), text);
        assertTrue(text.contains("وبإشعارات تغيير البرنامج):\n" + link + "\n"), text);
    }

    @Test
    void saysTheOrganizersTextInBothLanguagesWithThePersonsValuesPreferredFirst() throws Exception {
        ComposedEmail email = compose(Fixtures.invitee(LanguagePreference.BOTH_AR_FIRST), LETTER);
        MimeMessage message = ReadBack.parse(email.raw());

        assertEquals("استقبال المشاركين – الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة | "
                + "Accueil des participants – 2èmes Assises nationales de la régionalisation avancée", message.getSubject());
        assertEquals("ar, fr", message.getHeader("Content-Language")[0]);
        String text = ReadBack.text(message, "text/plain");
        for (String expected : List.of(
                "Bonjour Monsieur Karim Alaoui,",
                "En votre qualité de Président du Conseil, Conseil de la Région, nous vous attendons 20 et 21 décembre 2024.",
                "Vos ateliers : Le renforcement de l’attractivité territoriale, "
                        + "La transformation numérique des collectivités territoriales.",
                "Votre lettre N° ANRA-2024/0153, à télécharger : " + LETTER,
                "السيد كريم العلوي،",
                "بصفتكم رئيس المجلس، Conseil de la Région، ننتظركم يومي 20 و21 دجنبر 2024.",
                "ورشاتكم: تعزيز الجاذبية الترابية، التحول الرقمي للجماعات الترابية.",
                "رسالتكم رقم ANRA-2024/0153، للتحميل: " + LETTER,
                "Le comité d’organisation", "Pour toute question, répondez simplement à ce message.")) {
            assertTrue(text.contains(expected), "missing «" + expected + "» in\n" + text);
        }
        assertFalse(text.contains("(("), "no placeholder left: " + text);
        assertTrue(text.indexOf("السيد كريم العلوي") < text.indexOf("Bonjour Monsieur"), "Arabic first, as preferred");
    }

    @Test
    void eachLanguageIsItsOwnBlockWithItsDirectionAndTheLetterLinkIsALink() {
        Document html = html(compose(Fixtures.invitee(LanguagePreference.BOTH), LETTER));

        List<Element> sections = html.select("body div[lang]");
        assertEquals(List.of("fr", "ar"), sections.stream().map(e -> e.attr("lang")).toList());
        assertEquals(List.of("ltr", "rtl"), sections.stream().map(e -> e.attr("dir")).toList());
        for (Element p : sections.get(1).select("h1, p")) {
            assertEquals("ar", p.attr("lang"), p.outerHtml());
            assertEquals("rtl", p.attr("dir"), p.outerHtml());
        }
        assertEquals("استقبال المشاركين – الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة",
                sections.get(1).selectFirst("h1").text());
        // a paragraph per blank-line block, the lines of a paragraph kept apart
        Element lines = sections.get(0).select("p").stream().filter(p -> p.text().startsWith("En votre qualité"))
                .findFirst().orElseThrow();
        assertEquals(2, lines.select("br").size(), lines.outerHtml());
        List<Element> letterLinks = html.select("a[href=" + LETTER + "]");
        assertEquals(2, letterLinks.size(), "one per language");
        assertEquals(LETTER.toString(), letterLinks.get(1).text());
        assertEquals("ltr", letterLinks.get(1).attr("dir"));
        assertTrue(html.select("script, style, link").isEmpty());
    }

    @Test
    void valuesAndTheOrganizersTextStayTextInTheHtml() {
        Registration hostile = Fixtures.invitee(Civility.MADAME, new PersonName("<b>Nadia</b>", "Fassi & <i>Co</i>",
                "<script>alert(1)</script>"), "nadia@example.ma", LanguagePreference.BOTH);
        ComposedEmail email = compose(hostile, LETTER);
        String raw = ReadBack.text(ReadBack.parse(email.raw()), "text/html");
        Document html = Jsoup.parse(raw);

        assertTrue(html.select("b, i, script").isEmpty(), raw);
        assertTrue(raw.contains("&lt;b&gt;Nadia&lt;/b&gt;"), raw);
        assertTrue(html.text().contains("Bonjour Madame <b>Nadia</b> Fassi & <i>Co</i>,"), html.text());
        assertTrue(html.text().contains("السيدة <script>alert(1)</script>،"), html.text());
        assertTrue(html.text().contains("Prix : 3 < 5 & \"ok\""), html.text());
        assertTrue(email.subject().contains("Accueil des participants"), email.subject());
    }

    @Test
    void withoutALetterTheLinkAndItsWordsAreLeftOut() {
        Registration r = Fixtures.invitee(LanguagePreference.FR);
        Registration noLetter = new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(),
                r.category(), r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), r.workshops(),
                r.source(), r.status(), null, null, r.createdAt(), r.updatedAt());
        ComposedEmail email = compose(noLetter, null);
        String text = ReadBack.text(ReadBack.parse(email.raw()), "text/plain");
        assertFalse(text.contains("Votre lettre") || text.contains("télécharger") || text.contains("رسالتكم"), text);
        assertTrue(html(email).select("a[dir=ltr]").isEmpty());
    }

    @Test
    void theLetterLinkInsideAConditionIsALinkToo() {
        Announcement nested = Fixtures.announcement(8, "((letter_link??Votre lettre : ((letter_link)).))",
                "((letter_link??رسالتكم: ((letter_link))))");
        Registration r = Fixtures.invitee(LanguagePreference.BOTH);
        ComposedEmail email = COMPOSER.compose(new AnnouncementNotice(Fixtures.assises(), r, nested), unsubscribe(r),
                LETTER);
        Document html = html(email);
        assertEquals(2, html.select("a[href=" + LETTER + "]").size(), html.outerHtml());
        assertTrue(html.text().contains("Votre lettre : " + LETTER + "."), html.text());
        assertTrue(email.text().contains("رسالتكم: " + LETTER), email.text());
    }

    @Test
    void anAnnouncementIsNotComposedAsALetterNotice() {
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(new AnnouncementNotice(Fixtures.assises(),
                        Fixtures.invitee(LanguagePreference.BOTH), ANNOUNCEMENT),
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(1000), null)));
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(new AnnouncementNotice(Fixtures.assises(),
                Fixtures.invitee(LanguagePreference.BOTH), ANNOUNCEMENT), URI.create("javascript:alert(1)"), null));
    }
}
