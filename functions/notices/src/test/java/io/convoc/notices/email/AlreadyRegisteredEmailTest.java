package io.convoc.notices.email;

import io.convoc.core.event.Language;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.notices.AlreadyRegistered;
import io.convoc.notices.Fixtures;
import io.convoc.notices.NoticeText;
import io.convoc.notices.PlainValues;
import io.convoc.notices.calendar.CalendarFile;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "you are already registered" e-mail: someone used the registration form with the address of a registration. */
class AlreadyRegisteredEmailTest {
    private static final URI LINK = URI.create("https://convoc.example.ma/api/letters/t/abc123");
    private static final EmailComposer COMPOSER = new EmailComposer(EmailSettings.builder()
            .from("noreply@convoc.example.ma", "Assises de la régionalisation | المناظرة الوطنية للجهوية")
            .replyTo("contact@convoc.example.ma").build(),
            Clock.fixed(Instant.parse("2024-12-05T10:00:00Z"), ZoneOffset.UTC));
    private static final byte[] PDF = Fixtures.pdf(40_000);
    private static final String EVENT_FR = "2èmes Assises nationales de la régionalisation avancée";
    private static final String EVENT_AR = "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة";

    private static AlreadyRegistered notice(LanguagePreference languages) {
        return new AlreadyRegistered(Fixtures.assises(), Fixtures.invitee(languages));
    }

    private static ComposedEmail compose(LanguagePreference languages) {
        return COMPOSER.compose(notice(languages), LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
    }

    private static String htmlText(ComposedEmail email) {
        return Jsoup.parse(ReadBack.text(ReadBack.parse(email.raw()), "text/html")).text();
    }

    @Test
    void saysInBothLanguagesThatThePersonIsAlreadyRegisteredAndWhatTheirRegistrationIs() {
        ComposedEmail email = compose(LanguagePreference.FR);
        String text = ReadBack.text(ReadBack.parse(email.raw()), "text/plain");
        String html = htmlText(email);

        for (String expected : List.of(
                "Inscription déjà enregistrée", "Monsieur Karim Alaoui,",
                "Une demande d’inscription vient d’être faite avec votre adresse électronique. Vous êtes déjà "
                        + "inscrit(e) à la rencontre suivante, et votre inscription reste inchangée\u00a0:",
                EVENT_FR, "Dates\u00a0: 20 et 21 décembre 2024", "Lieu\u00a0: Palais des congrès, Tanger",
                "Vos séances", "Atelier\u00a0: Le renforcement de l’attractivité territoriale",
                "Atelier\u00a0: La transformation numérique des collectivités territoriales",
                "Votre lettre d’invitation N°\u00a0ANRA-2024/0153, toujours valable, est jointe à ce message (fichier PDF).",
                "Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message\u00a0: rien n’a été modifié.",
                "سبق تسجيلكم", "السيد كريم العلوي المحترم،",
                "توصلنا بطلب تسجيل باستعمال عنوان بريدكم الإلكتروني، ونحيطكم علما بأنه سبق تسجيلكم للمشاركة في ما يلي",
                EVENT_AR, "التاريخ: يومي 20 و21 دجنبر 2024", "المكان: قصر المؤتمرات، طنجة",
                "الجلسات التي ستشاركون فيها", "ورشة: تعزيز الجاذبية الترابية", "ورشة: التحول الرقمي للجماعات الترابية",
                "تجدون رفقته رسالة الدعوة الخاصة بكم رقم ANRA-2024/0153 (ملف PDF)، وهي لا تزال صالحة.",
                "إذا لم تكونوا أنتم من قدم هذا الطلب، يمكنكم تجاهل هذه الرسالة، فلم يطرأ أي تغيير على تسجيلكم.",
                "Le comité d’organisation", "اللجنة المنظمة")) {
            assertTrue(text.contains(expected), "text lacks " + expected + "\n" + text);
            assertTrue(html.contains(expected.replace('\u00a0', ' ')), "html lacks " + expected + "\n" + html);
        }
        // what to do if it was not them comes after the registration it leaves as it is
        assertTrue(text.indexOf("Si vous n’êtes pas à l’origine") > text.indexOf("Présentez-la"), text);
    }

    @Test
    void theSubjectIsInBothLanguagesThePreferredOneFirst() throws Exception {
        assertEquals("Inscription déjà enregistrée – " + EVENT_FR + " | سبق تسجيلكم – " + EVENT_AR,
                ReadBack.parse(compose(LanguagePreference.BOTH).raw()).getSubject());
        assertEquals("سبق تسجيلكم – " + EVENT_AR + " | Inscription déjà enregistrée – " + EVENT_FR,
                ReadBack.parse(compose(LanguagePreference.AR).raw()).getSubject());
    }

    @ParameterizedTest
    @EnumSource(value = LanguagePreference.class, names = {"FR", "AR", "BOTH", "BOTH_AR_FIRST"})
    void everyPartIsInBothLanguagesThePreferredOneFirstWithThePointer(LanguagePreference preference) {
        ComposedEmail email = compose(preference);
        boolean arabicFirst = preference.preferred() == Language.AR;
        Document html = Jsoup.parse(email.html());
        List<String> sections = html.select("body div[lang]").stream()
                .filter(d -> d.selectFirst("h1") != null).map(d -> d.attr("lang")).toList();
        assertEquals(arabicFirst ? List.of("ar", "fr") : List.of("fr", "ar"), sections);
        String pointer = arabicFirst ? "Version française ci-dessous" : "النص العربي أسفله";
        assertEquals(pointer, html.selectFirst("body p").text());
        assertTrue(email.text().startsWith(pointer + "\n"), email.text());
        int fr = email.text().indexOf("Inscription déjà enregistrée");
        int ar = email.text().indexOf("سبق تسجيلكم");
        assertTrue(fr > 0 && ar > 0 && (arabicFirst ? ar < fr : fr < ar), email.text());
    }

    @Test
    void theCurrentLetterIsAttachedAsTheConfirmationAttachesIt() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        MimeMessage message = ReadBack.parse(email.raw());

        assertTrue(message.isMimeType("multipart/mixed"));
        Multipart mixed = (Multipart) message.getContent();
        assertEquals(2, mixed.getCount());
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertEquals(List.of("text/plain", "text/html", "text/calendar"), List.of(
                new ContentType(alternative.getBodyPart(0).getContentType()).getBaseType(),
                new ContentType(alternative.getBodyPart(1).getContentType()).getBaseType(),
                new ContentType(alternative.getBodyPart(2).getContentType()).getBaseType()));
        Part pdf = mixed.getBodyPart(1);
        assertTrue(pdf.isMimeType("application/pdf"));
        assertEquals(Part.ATTACHMENT, pdf.getDisposition());
        assertEquals("lettre-invitation-ANRA-2024-0153.pdf", pdf.getFileName());
        try (InputStream in = pdf.getInputStream()) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
        assertEquals(LetterDelivery.ATTACHED, email.letterDelivery());
    }

    @Test
    void theCalendarPublishesThePersonsSessionsAsTheyStand() throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        CalendarFile calendar = email.calendar();
        assertEquals(CalendarFile.Method.PUBLISH, calendar.method());
        Part part = ReadBack.first(ReadBack.parse(email.raw()), "text/calendar");
        assertEquals("PUBLISH", new ContentType(part.getContentType()).getParameter("method"));
        assertArrayEquals(calendar.content(), ReadBack.bytes(part));
        String ics = new String(calendar.content(), StandardCharsets.UTF_8);
        // the same UIDs as the confirmation's: a calendar that has them keeps one entry per session
        for (String session : List.of("opening", Fixtures.WORKSHOP, "ws-numerique", "closing")) {
            assertTrue(ics.contains("\r\nUID:reg-0153." + session + "@convoc.example.ma\r\n"), session + "\n" + ics);
        }
        assertFalse(ics.contains("STATUS:CANCELLED"), ics);
    }

    @Test
    void aLetterTooLargeToAttachIsLinkedInBothLanguages() {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(100_000).build());
        ComposedEmail email = small.compose(notice(LanguagePreference.AR),
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(90_000), () -> LINK));
        assertEquals(LetterDelivery.LINKED, email.letterDelivery());
        assertEquals(2, Jsoup.parse(email.html()).select("a[href=" + LINK + "]").size(), "one link per language");
        assertTrue(email.text().contains("Votre lettre d’invitation N°\u00a0ANRA-2024/0153, toujours valable, est à "
                + "télécharger à cette adresse\u00a0:\n" + LINK + "\n"), email.text());
        assertTrue(email.text().contains("يمكنكم تحميل رسالة الدعوة الخاصة بكم رقم ANRA-2024/0153، وهي لا تزال صالحة"),
                email.text());
        assertFalse(email.text().contains("est jointe à ce message"), email.text());
    }

    /**
     * The person did not register again: nothing in the e-mail may say a registration was made or confirmed. No
     * sentence of the confirmation is in it, except those both say about the letter (its heading, how to present it).
     */
    @ParameterizedTest
    @EnumSource(value = Language.class)
    void nothingInItClaimsThatARegistrationWasMade(Language language) throws Exception {
        ComposedEmail email = compose(LanguagePreference.BOTH);
        String subject = ReadBack.parse(email.raw()).getSubject();
        String html = htmlText(email);
        NoticeText words = NoticeText.of(language);
        String event = PlainValues.in(Fixtures.assises().event().name(), language);
        Properties bundle = bundle(language);
        List<String> shared = bundle.stringPropertyNames().stream().filter(k -> k.startsWith("email.already-registered."))
                .map(k -> words.get(k, Fixtures.REFERENCE)).toList();
        int checked = 0;
        for (String key : bundle.stringPropertyNames()) {
            if (!key.startsWith("email.confirmation.")) {
                continue;
            }
            String sentence = words.get(key, key.contains(".letter.") ? Fixtures.REFERENCE : event);
            if (shared.contains(sentence)) {
                continue;
            }
            checked++;
            for (String part : List.of(subject, email.text(), html)) {
                assertFalse(part.replace('\u00a0', ' ').contains(sentence.replace('\u00a0', ' ')),
                        key + " (" + sentence + ") is in:\n" + part);
            }
        }
        assertTrue(checked >= 5, "the confirmation's own sentences were compared: " + checked);
        for (String claim : List.of("Confirmation d’inscription", "confirmer votre inscription", "Inscription confirmée",
                "nouvelle inscription", "تأكيد التسجيل", "نؤكد لكم تسجيلكم", "تسجيل جديد")) {
            assertFalse(subject.contains(claim) || email.text().contains(claim) || html.contains(claim), claim);
        }
    }

    @Test
    void theArabicPartReadsRightToLeftThroughout() {
        Element arabic = Jsoup.parse(compose(LanguagePreference.FR).html()).selectFirst("div[lang=ar]");
        assertEquals("rtl", arabic.attr("dir"));
        assertTrue(arabic.selectFirst("h1").text().contains("سبق تسجيلكم"));
        for (Element block : arabic.select("h1, h2, h3, p, ul, li")) {
            assertEquals("rtl", block.attr("dir"), block.outerHtml());
            assertEquals("ar", block.attr("lang"), block.outerHtml());
        }
    }

    private static Properties bundle(Language language) throws IOException {
        String name = language == Language.FR ? "notices.properties" : "notices_" + language.tag() + ".properties";
        Properties p = new Properties();
        try (InputStream in = AlreadyRegisteredEmailTest.class.getResourceAsStream("/io/convoc/notices/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
