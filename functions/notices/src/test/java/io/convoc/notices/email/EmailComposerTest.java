package io.convoc.notices.email;

import io.convoc.core.TestProgrammes;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.notices.Confirmation;
import io.convoc.notices.Fixtures;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailComposerTest {
    private static final Instant NOW = Instant.parse("2024-11-20T10:00:00Z");
    private static final URI LINK = URI.create("https://convoc.example.ma/api/letters/t/abc123");
    private static final EmailSettings SETTINGS = EmailSettings.builder()
            .from("noreply@convoc.example.ma", "Assises de la régionalisation | المناظرة الوطنية للجهوية")
            .replyTo("contact@convoc.example.ma")
            .build();
    // one composer for the class: it holds the parsed templates, as in a Lambda
    private static final EmailComposer COMPOSER = new EmailComposer(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final byte[] PDF = Fixtures.pdf(40_000);

    private static ComposedEmail compose(Registration registration) {
        return COMPOSER.compose(new Confirmation(Fixtures.assises(), registration),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
    }

    private static ComposedEmail compose(LanguagePreference languages) {
        return compose(Fixtures.invitee(languages));
    }

    private static Document html(MimeMessage message) {
        return Jsoup.parse(ReadBack.text(message, "text/html"));
    }

    // ---- structure ------------------------------------------------------------------------------------------

    @Test
    void mixedHoldsAlternativeTextHtmlAndCalendarThenThePdf() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        MimeMessage message = ReadBack.parse(email.raw());

        assertTrue(message.isMimeType("multipart/mixed"));
        Multipart mixed = (Multipart) message.getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"));
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertEquals(3, alternative.getCount());
        // the richer parts last: clients show the last alternative they can display, and look for the calendar there
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        assertEquals("UTF-8", new jakarta.mail.internet.ContentType(alternative.getBodyPart(1).getContentType())
                .getParameter("charset").toUpperCase());
        ContentType calendar = new ContentType(alternative.getBodyPart(2).getContentType());
        assertEquals("text/calendar", calendar.getBaseType());
        assertEquals("UTF-8", calendar.getParameter("charset"));
        assertEquals("PUBLISH", calendar.getParameter("method"));
        assertArrayEquals(email.calendar().content(), ReadBack.bytes(alternative.getBodyPart(2)));
        assertTrue(mixed.getBodyPart(1).isMimeType("application/pdf"));
    }

    @Test
    void attachesTheLetterByteForByte() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        Part pdf = ReadBack.first(ReadBack.parse(email.raw()), "application/pdf");

        assertEquals(Part.ATTACHMENT, pdf.getDisposition());
        assertEquals("lettre-invitation-ANRA-2024-0153.pdf", pdf.getFileName());
        try (InputStream in = pdf.getInputStream()) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
        assertEquals(LetterDelivery.ATTACHED, email.letterDelivery());
        assertTrue(email.letterLink().isEmpty());
    }

    @Test
    void theLinkIsNotAskedForWhenTheLetterIsAttached() {
        AtomicInteger asked = new AtomicInteger();
        COMPOSER.compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR)),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> {
                    asked.incrementAndGet();
                    return LINK;
                }));
        assertEquals(0, asked.get());
    }

    @Test
    void headersAreAsciiWithTheSenderRecipientAndAutomaticMarks() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        String headers = ReadBack.headerSection(email.raw());
        assertTrue(headers.chars().allMatch(c -> c < 128), "8-bit bytes in the header section:\n" + headers);

        MimeMessage message = ReadBack.parse(email.raw());
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals("noreply@convoc.example.ma", from.getAddress());
        assertEquals("Assises de la régionalisation | المناظرة الوطنية للجهوية", from.getPersonal());
        assertEquals("contact@convoc.example.ma", ((InternetAddress) message.getReplyTo()[0]).getAddress());
        InternetAddress to = (InternetAddress) message.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("karim.alaoui@example.ma", to.getAddress());
        assertEquals("Karim Alaoui", to.getPersonal());
        assertEquals(NOW, message.getSentDate().toInstant());
        assertTrue(message.getMessageID().matches("<[0-9a-f-]{36}@convoc\\.example\\.ma>"), message.getMessageID());
        assertEquals("auto-generated", message.getHeader("Auto-Submitted", null));
        assertEquals("fr, ar", message.getHeader("Content-Language", null));
    }

    // ---- languages ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: parts {1}, pointer {2}")
    @CsvSource(delimiter = '|', textBlock = """
            FR            | fr,ar | النص العربي أسفله
            AR            | ar,fr | Version française ci-dessous
            BOTH          | fr,ar | النص العربي أسفله
            BOTH_AR_FIRST | ar,fr | Version française ci-dessous
            """)
    void everyEmailIsInBothLanguagesThePreferredOneFirst(LanguagePreference preference, String parts, String pointer)
            throws Exception {
        ComposedEmail email = compose(preference);
        MimeMessage message = ReadBack.parse(email.raw());
        Document html = html(message);
        List<String> expected = Arrays.asList(parts.split(","));

        List<String> sections = html.select("body div[lang]").stream()
                .filter(d -> d.selectFirst("h1") != null).map(d -> d.attr("lang")).toList();
        assertEquals(expected, sections);
        assertEquals(expected.get(0), html.selectFirst("html").attr("lang"));
        assertEquals(String.join(", ", expected), message.getHeader("Content-Language", null));

        String text = ReadBack.text(message, "text/plain");
        String subject = message.getSubject();
        String fr = "Confirmation d’inscription";
        String ar = "تأكيد التسجيل";
        String firstWords = expected.get(0).equals("fr") ? fr : ar;
        String secondWords = expected.get(0).equals("fr") ? ar : fr;
        assertTrue(text.contains(fr) && text.contains(ar), text);
        assertTrue(text.indexOf(firstWords) < text.indexOf(secondWords), text);
        assertTrue(subject.contains(" | "), subject);
        assertTrue(subject.indexOf(firstWords) < subject.indexOf(secondWords), subject);

        // the first line of both parts, written in the language it points to
        assertTrue(text.startsWith(pointer + "\n"), text);
        Element first = html.selectFirst("body p");
        assertEquals(pointer, first.text());
        assertEquals(expected.get(1), first.attr("lang"));
    }

    @Test
    void aFrenchReaderAlsoGetsTheArabicPartMarkedRightToLeft() throws Exception {
        MimeMessage message = ReadBack.parse(compose(LanguagePreference.FR).raw());
        Element arabic = html(message).selectFirst("div[lang=ar]");
        assertEquals("rtl", arabic.attr("dir"));
        assertTrue(arabic.selectFirst("h1").text().contains("تأكيد التسجيل"));
        assertTrue(message.getSubject().endsWith(" | تأكيد التسجيل – الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"),
                message.getSubject());
    }

    @Test
    void htmlHasAnArabicPartMarkedRightToLeft() {
        Document html = html(ReadBack.parse(compose(LanguagePreference.BOTH).raw()));
        Element arabic = html.selectFirst("div[lang=ar]");
        assertEquals("rtl", arabic.attr("dir"));
        // every block says it, for clients that drop the attributes of outer elements
        for (Element block : arabic.select("h1, h2, h3, p, ul, li")) {
            assertEquals("rtl", block.attr("dir"), block.outerHtml());
            assertEquals("ar", block.attr("lang"), block.outerHtml());
        }
        assertTrue(arabic.text().contains("تأكيد التسجيل"));
    }

    @Test
    void htmlHasAFrenchPartMarkedLeftToRight() {
        Document html = html(ReadBack.parse(compose(LanguagePreference.BOTH_AR_FIRST).raw()));
        Element french = html.selectFirst("div[lang=fr]");
        assertEquals("ltr", french.attr("dir"));
        for (Element block : french.select("h1, h2, h3, p, ul, li")) {
            assertEquals("ltr", block.attr("dir"), block.outerHtml());
            assertEquals("fr", block.attr("lang"), block.outerHtml());
        }
    }

    @Test
    void htmlReadsWithoutStyleSheets() {
        Document html = html(ReadBack.parse(compose(LanguagePreference.BOTH).raw()));
        assertTrue(html.select("style, link, script").isEmpty());
        // the structure carries the meaning: headings, lists, paragraphs
        assertEquals(2, html.select("h1").size());
        assertFalse(html.select("ul > li").isEmpty());
    }

    @Test
    void subjectIsEncodedAndDecodesToBothLanguages() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        String rawSubject = ReadBack.parse(email.raw()).getHeader("Subject", null);
        assertTrue(rawSubject.startsWith("=?UTF-8?"), rawSubject);
        String expected = "Confirmation d’inscription – 2èmes Assises nationales de la régionalisation avancée"
                + " | تأكيد التسجيل – الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة";
        assertEquals(expected, MimeUtility.decodeText(MimeUtility.unfold(rawSubject)));
        assertEquals(expected, email.subject());
    }

    // ---- content ----------------------------------------------------------------------------------------------

    @Test
    void plainTextCarriesTheSameContentAsTheHtml() throws Exception {
        MimeMessage message = ReadBack.parse(compose(LanguagePreference.BOTH).raw());
        String text = ReadBack.text(message, "text/plain");
        String html = html(message).text();
        for (String expected : List.of(
                "2èmes Assises nationales de la régionalisation avancée", "20 et 21 décembre 2024",
                "Palais des congrès, Tanger", "Vendredi 20 décembre 2024", "09:30 – 12:30",
                "Atelier\u00a0: Le renforcement de l’attractivité territoriale", "Salle 1",
                "N°\u00a0ANRA-2024/0153", "Informations pratiques", "Tenue de ville.", "Association des Régions du Maroc",
                "Monsieur Karim Alaoui,",
                "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة", "يومي 20 و21 دجنبر 2024",
                "قصر المؤتمرات، طنجة", "الجمعة 20 دجنبر 2024", "من 09:30 إلى 12:30",
                "ورشة: تعزيز الجاذبية الترابية", "القاعة 1", "رقم ANRA-2024/0153", "معلومات عملية",
                "السيد كريم العلوي المحترم،")) {
            assertTrue(text.contains(expected), "text lacks " + expected + "\n" + text);
            // jsoup's text() turns non-breaking spaces into spaces
            assertTrue(html.contains(expected.replace('\u00a0', ' ')), "html lacks " + expected);
        }
    }

    @Test
    void listsTheSessionsTheInviteeAttendsOnly() {
        String text = compose(LanguagePreference.FR).text();
        assertTrue(text.contains("Séance plénière d’ouverture"));
        assertTrue(text.contains("La transformation numérique des collectivités territoriales"));
        assertTrue(text.contains("Séance plénière de clôture et recommandations"));
        assertFalse(text.contains("La gestion du stress hydrique"), "a workshop they did not choose");
        assertFalse(text.contains("La promotion de l’investissement productif"));
    }

    @Test
    void arabicDatesUseMoroccanMonthNames() {
        String text = compose(LanguagePreference.AR).text();
        assertTrue(text.contains("دجنبر"));
        assertFalse(text.contains("ديسمبر"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MADAME     | Madame Nadia Benali, | السيدة نادية بنعلي المحترمة،
            EXCELLENCE | Excellence,          | معالي نادية بنعلي المحترم،
            ''         | Madame, Monsieur,    | السيد(ة) نادية بنعلي المحترم(ة)،
            """)
    void greetsByCivilityInEachLanguage(String civility, String french, String arabic) {
        Registration r = Fixtures.invitee(civility.isEmpty() ? null : Civility.valueOf(civility),
                new PersonName("Nadia", "Benali", "نادية بنعلي"), "nadia@example.ma", LanguagePreference.BOTH);
        String text = compose(r).text();
        assertTrue(text.contains(french + "\n"), text);
        assertTrue(text.contains(arabic + "\n"), text);
    }

    @Test
    void aNameWithoutArabicScriptIsWrittenInLatinInTheArabicPart() throws Exception {
        Registration r = Fixtures.invitee(Civility.MONSIEUR, new PersonName("John", "Smith", ""),
                "john.smith@example.org", LanguagePreference.AR);
        ComposedEmail email = compose(r);
        assertTrue(email.text().contains("السيد John Smith المحترم،"), email.text());
        InternetAddress to = (InternetAddress) ReadBack.parse(email.raw()).getRecipients(Message.RecipientType.TO)[0];
        assertEquals("John Smith", to.getPersonal());
    }

    @Test
    void personValuesAreEscapedInTheHtml() {
        Registration r = Fixtures.invitee(Civility.MONSIEUR,
                new PersonName("<script>alert(1)</script>", "O'Brien & <b>Co</b>", ""), "x@example.ma",
                LanguagePreference.FR);
        String html = ReadBack.text(ReadBack.parse(compose(r).raw()), "text/html");
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>Co</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(Jsoup.parse(html).text().contains("Monsieur <script>alert(1)</script> O'Brien & <b>Co</b>,"));
    }

    @Test
    void templateSyntaxInAValueIsWrittenNotEvaluated() {
        Registration r = Fixtures.invitee(Civility.MONSIEUR, new PersonName("[(${subject})]", "${7*7} #{email.pointer}", ""),
                "x@example.ma", LanguagePreference.FR);
        ComposedEmail email = compose(r);
        assertTrue(email.text().contains("Monsieur [(${subject})] ${7*7} #{email.pointer},"), email.text());
        assertTrue(Jsoup.parse(email.html()).text().contains("Monsieur [(${subject})] ${7*7} #{email.pointer},"));
    }

    @Test
    void anEventWithoutPracticalInformationHasNoSuchHeading() {
        ComposedEmail email = COMPOSER.compose(
                new Confirmation(TestProgrammes.assises(), Fixtures.invitee(LanguagePreference.BOTH)),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
        assertFalse(email.text().contains("Informations pratiques"));
        assertFalse(email.html().contains("معلومات عملية"));
        // the fixture's venue has no city in it: it is written as given
        assertTrue(email.text().contains("Lieu\u00a0: Palais des congrès\n"), email.text());
    }

    // ---- headers cannot be injected ----------------------------------------------------------------------------

    @Test
    void crLfInANameCannotCreateAHeader() throws Exception {
        Registration r = Fixtures.invitee(Civility.MONSIEUR,
                new PersonName("Karim\r\nBcc: victim@attacker.example\r\nX-Injected: yes", "Alaoui", ""),
                "karim.alaoui@example.ma", LanguagePreference.FR);
        ComposedEmail email = compose(r);
        MimeMessage message = ReadBack.parse(email.raw());

        assertNull(message.getHeader("Bcc"));
        assertNull(message.getHeader("X-Injected"));
        assertEquals(1, message.getAllRecipients().length);
        InternetAddress to = (InternetAddress) message.getAllRecipients()[0];
        assertEquals("karim.alaoui@example.ma", to.getAddress());
        assertEquals("Karim Bcc: victim@attacker.example X-Injected: yes Alaoui", to.getPersonal());
        // and no line of the body starts where a name was cut
        assertFalse(email.text().contains("\nBcc:"));
    }

    @Test
    void crLfInTheEventNameCannotCreateAHeader() throws Exception {
        Programme programme = withEventName(Fixtures.assises(),
                Bilingual.of("Assises\r\nBcc: victim@attacker.example\nX-Injected: yes", "المناظرة\r\nX-Injected: yes"));
        ComposedEmail email = COMPOSER.compose(new Confirmation(programme, Fixtures.invitee(LanguagePreference.BOTH)),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
        MimeMessage message = ReadBack.parse(email.raw());

        assertNull(message.getHeader("Bcc"));
        assertNull(message.getHeader("X-Injected"));
        assertEquals(1, message.getAllRecipients().length);
        assertEquals("Confirmation d’inscription – Assises Bcc: victim@attacker.example X-Injected: yes"
                + " | تأكيد التسجيل – المناظرة X-Injected: yes", message.getSubject());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'karim@example.ma\r\nBcc: victim@attacker.example'
            'Karim <karim@example.ma>'
            'karim@example.ma, victim@attacker.example'
            'not an address'
            """)
    void anAddressThatIsNotOnePlainAddressIsRefused(String address) {
        Registration r = Fixtures.invitee(Civility.MONSIEUR, new PersonName("Karim", "Alaoui", ""), address,
                LanguagePreference.FR);
        InvalidRecipient e = assertThrows(InvalidRecipient.class, () -> compose(r));
        assertEquals("invalid_recipient", e.code());
    }

    // ---- attached or linked --------------------------------------------------------------------------------------

    @Test
    void aLetterTooLargeToAttachIsLinked() throws Exception {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(100_000).build());
        byte[] big = Fixtures.pdf(90_000); // 120 KB once in base64
        ComposedEmail email = small.compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.BOTH)),
                LetterFile.of(Fixtures.REFERENCE, big, () -> LINK));

        assertEquals(LetterDelivery.LINKED, email.letterDelivery());
        assertEquals(LINK, email.letterLink().orElseThrow());
        assertTrue(email.rawSize() <= 100_000);
        MimeMessage message = ReadBack.parse(email.raw());
        assertTrue(message.isMimeType("multipart/alternative"));
        assertTrue(ReadBack.leaves(message).stream().noneMatch(p -> ReadBack.is(p, "application/pdf")));
        List<Part> alternatives = ReadBack.leaves(message);
        assertEquals(3, alternatives.size());
        assertTrue(ReadBack.is(alternatives.get(2), "text/calendar"), "the calendar stays, last");
        Document html = html(message);
        assertEquals(2, html.select("a[href=" + LINK + "]").size(), "one link per language");
        assertEquals("ltr", html.selectFirst("div[lang=ar] a").attr("dir"));
        assertTrue(email.text().contains(LINK + "\n"));
        assertTrue(email.text().contains("Ce lien vous est personnel"));
        assertFalse(email.text().contains("est jointe à ce message"));
    }

    @Test
    void theSizeDecisionIsMadeOnTheEncodedMessage() {
        // 70 KB of PDF fits under 100 KB raw, but not once base64 (≈ 95 KB) and the two bodies are added
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(100_000).build());
        Confirmation notice = new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.BOTH));
        assertEquals(LetterDelivery.ATTACHED,
                small.compose(notice, LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(50_000), () -> LINK)).letterDelivery());
        assertEquals(LetterDelivery.LINKED,
                small.compose(notice, LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(70_000), () -> LINK)).letterDelivery());
    }

    @Test
    void aRelativeLinkIsResolvedAgainstTheLetterBaseUrl() {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(65_536).letterBaseUrl(URI.create("https://convoc.example.ma/api/")).build());
        ComposedEmail email = small.compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR)),
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(80_000), () -> URI.create("letters/t/xyz")));
        assertEquals(URI.create("https://convoc.example.ma/api/letters/t/xyz"), email.letterLink().orElseThrow());
    }

    @Test
    void aLetterTooLargeWithNoLinkIsRefused() {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(65_536).build());
        Confirmation notice = new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR));
        byte[] big = Fixtures.pdf(80_000);

        EmailTooLarge noLink = assertThrows(EmailTooLarge.class,
                () -> small.compose(notice, LetterFile.attachedOnly(Fixtures.REFERENCE, big)));
        assertEquals("email_too_large", noLink.code());
        assertThrows(EmailTooLarge.class, () -> small.compose(notice,
                LetterFile.of(Fixtures.REFERENCE, big, () -> URI.create("letters/t/xyz"))), "relative, no base URL");
    }

    @ParameterizedTest
    @CsvSource({"javascript:alert(1)", "file:///etc/passwd", "ftp://example.ma/letter.pdf"})
    void onlyWebLinksAreWritten(String link) {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(65_536).build());
        Supplier<URI> supplier = () -> URI.create(link);
        assertThrows(IllegalArgumentException.class, () -> small.compose(
                new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR)),
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(80_000), supplier)));
    }

    @Test
    void withoutReplyToTheFooterSaysNotToReply() throws Exception {
        EmailComposer noReply = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "").build());
        ComposedEmail email = noReply.compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR)),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
        assertNull(ReadBack.parse(email.raw()).getHeader("Reply-To"));
        assertTrue(email.text().contains("merci de ne pas y répondre"));
        assertTrue(compose(LanguagePreference.FR).text().contains("répondez simplement à ce message"));
    }

    // ---- the letter file -----------------------------------------------------------------------------------------

    @Test
    void somethingThatIsNotAPdfIsNotSentAsTheLetter() {
        assertThrows(IllegalArgumentException.class,
                () -> LetterFile.of(Fixtures.REFERENCE, "<html>".getBytes(), () -> LINK));
    }

    @Test
    void theFileNameComesFromTheReferenceAndIsSafe() {
        assertEquals("lettre-invitation-ANRA-2024-0153.pdf", LetterFile.fileNameFor("ANRA-2024/0153"));
        assertEquals("lettre-invitation-ANRA-2024-0153-X-y.pdf", LetterFile.fileNameFor("ANRA 2024\\0153\r\nX: y"));
        // a file name is a path on the reader's disk too
        assertEquals("etc-passwd.pdf", new LetterFile("R", "../../etc/passwd", Fixtures.pdf(10), null).fileName());
        assertEquals("lettre.PDF", new LetterFile("R", "lettre.PDF", Fixtures.pdf(10), null).fileName());
    }

    private static Programme withEventName(Programme p, Bilingual name) {
        Event e = p.event();
        return new Programme(new Event(e.id(), name, e.theme(), e.patronage(), e.city(), e.venue(), e.startDate(),
                e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(), e.practicalInformation(),
                e.referencePrefix()), p.sessions());
    }
}
