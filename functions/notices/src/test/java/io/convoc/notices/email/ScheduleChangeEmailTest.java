package io.convoc.notices.email;

import io.convoc.core.registration.LanguagePreference;
import io.convoc.notices.Fixtures;
import io.convoc.notices.ScheduleChange;
import io.convoc.notices.calendar.CalendarFile;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleChangeEmailTest {
    private static final URI LINK = URI.create("https://convoc.example.ma/api/letters/t/abc123");
    private static final EmailComposer COMPOSER = new EmailComposer(EmailSettings.builder()
            .from("noreply@convoc.example.ma", "Assises de la régionalisation | المناظرة الوطنية للجهوية")
            .replyTo("contact@convoc.example.ma").build(),
            Clock.fixed(Instant.parse("2024-12-01T10:00:00Z"), ZoneOffset.UTC));
    private static final byte[] PDF = Fixtures.pdf(40_000);

    private static ComposedEmail compose(ScheduleChange notice) {
        return COMPOSER.compose(notice, LetterFile.of(Fixtures.REFERENCE, PDF, () -> LINK));
    }

    private static Document html(ComposedEmail email) {
        return Jsoup.parse(ReadBack.text(ReadBack.parse(email.raw()), "text/html"));
    }

    @Test
    void aScheduleChangeEmailSaysBeforeAndAfterInBothLanguages() {
        ComposedEmail email = compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.FR));
        MimeMessage message = ReadBack.parse(email.raw());
        String text = ReadBack.text(message, "text/plain");
        String html = Jsoup.parse(ReadBack.text(message, "text/html")).text();

        for (String expected : List.of(
                "Changement de programme", "Séance concernée",
                "Atelier\u00a0: Le renforcement de l’attractivité territoriale", "Cette séance est modifiée comme suit",
                "Avant\u00a0: vendredi 20 décembre 2024, 15:00 – 18:00",
                "Désormais\u00a0: vendredi 20 décembre 2024, 16:00 – 19:00",
                "Avant\u00a0: Salle 1", "Désormais\u00a0: Salle 4",
                "تغيير في البرنامج", "الجلسة المعنية", "ورشة: تعزيز الجاذبية الترابية",
                "قبل التعديل: الجمعة 20 دجنبر 2024، من 15:00 إلى 18:00",
                "بعد التعديل: الجمعة 20 دجنبر 2024، من 16:00 إلى 19:00",
                "قبل التعديل: القاعة 1", "بعد التعديل: القاعة 4")) {
            assertTrue(text.contains(expected), "text lacks " + expected + "\n" + text);
            assertTrue(html.contains(expected.replace('\u00a0', ' ')), "html lacks " + expected + "\n" + html);
        }
        assertEquals("Changement de programme – 2èmes Assises nationales de la régionalisation avancée"
                + " | تغيير في البرنامج – الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة", email.subject());
        assertFalse(text.contains("Intitulé"), "the title did not change");
    }

    @Test
    void yourSessionsListTheMovedSessionAtItsNewTimeThenTheUpdatedLetter() {
        String text = compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.BOTH)).text();
        int sessions = text.indexOf("Vos séances");
        int letter = text.indexOf("Votre lettre d’invitation mise à jour");
        assertTrue(sessions > 0 && letter > sessions, text);
        assertTrue(text.substring(sessions, letter).contains("- 16:00 – 19:00\n  Atelier\u00a0: Le renforcement"), text);
        assertTrue(text.contains("Votre lettre d’invitation N°\u00a0ANRA-2024/0153, mise à jour, est jointe à ce message"));
        assertTrue(text.contains("تجدون رفقته رسالة الدعوة المحينة الخاصة بكم رقم ANRA-2024/0153"));
        assertTrue(text.contains("Le comité d’organisation") && text.contains("اللجنة المنظمة"));
    }

    @Test
    void aCancelledSessionSaysCancelledAndCarriesTheCancelCalendar() throws Exception {
        ComposedEmail email = compose(Fixtures.scheduleChange(Fixtures.cancelled(), LanguagePreference.BOTH_AR_FIRST));
        String text = email.text();

        assertTrue(text.contains("Cette séance est annulée."), text);
        assertTrue(text.contains("Date et horaire\u00a0: vendredi 20 décembre 2024, 15:00 – 18:00"), text);
        assertTrue(text.contains("تم إلغاء هذه الجلسة."), text);
        assertTrue(text.contains("التاريخ والتوقيت: الجمعة 20 دجنبر 2024، من 15:00 إلى 18:00"), text);
        assertTrue(text.indexOf("تم إلغاء") < text.indexOf("est annulée"), "Arabic first, as preferred");
        // no longer among the sessions the person attends
        String yourSessions = text.substring(text.indexOf("Vos séances"), text.indexOf("Votre lettre d’invitation mise"));
        assertFalse(yourSessions.contains("Le renforcement de l’attractivité territoriale"), yourSessions);

        CalendarFile calendar = email.calendar();
        assertEquals(CalendarFile.Method.CANCEL, calendar.method());
        Part part = ReadBack.first(ReadBack.parse(email.raw()), "text/calendar");
        assertEquals("CANCEL", new ContentType(part.getContentType()).getParameter("method"));
        byte[] ics = ReadBack.bytes(part);
        assertArrayEquals(calendar.content(), ics);
        String body = new String(ics, StandardCharsets.UTF_8);
        assertTrue(body.contains("\r\nMETHOD:CANCEL\r\n") && body.contains("\r\nSTATUS:CANCELLED\r\n"), body);
    }

    @Test
    void aNewSessionSaysWhenAndWhereItTakesPlace() {
        String text = compose(Fixtures.scheduleChange(Fixtures.added(), LanguagePreference.BOTH)).text();
        assertTrue(text.contains("Conférence inaugurale\nCette séance est ajoutée au programme.\n"
                + "- Date et horaire\u00a0: samedi 21 décembre 2024, 13:30 – 14:30\n- Salle\u00a0: Salle plénière\n"), text);
        assertTrue(text.contains("تمت إضافة هذه الجلسة إلى البرنامج."), text);
    }

    @Test
    void theMimeStructureIsKeptWithTheCalendarAsTheLastAlternative() throws Exception {
        ComposedEmail email = compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.BOTH));
        MimeMessage message = ReadBack.parse(email.raw());

        assertTrue(message.isMimeType("multipart/mixed"));
        Multipart mixed = (Multipart) message.getContent();
        assertEquals(2, mixed.getCount());
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertEquals(List.of("text/plain", "text/html", "text/calendar"), List.of(
                new ContentType(alternative.getBodyPart(0).getContentType()).getBaseType(),
                new ContentType(alternative.getBodyPart(1).getContentType()).getBaseType(),
                new ContentType(alternative.getBodyPart(2).getContentType()).getBaseType()));
        ContentType calendar = new ContentType(alternative.getBodyPart(2).getContentType());
        assertEquals("PUBLISH", calendar.getParameter("method"));
        assertEquals("UTF-8", calendar.getParameter("charset"));
        assertArrayEquals(email.calendar().content(), ReadBack.bytes(alternative.getBodyPart(2)));
        assertTrue(mixed.getBodyPart(1).isMimeType("application/pdf"));
        assertEquals("lettre-invitation-ANRA-2024-0153.pdf", mixed.getBodyPart(1).getFileName());
    }

    @Test
    void aLinkedLetterIsLinkedInBothLanguages() {
        EmailComposer small = new EmailComposer(EmailSettings.builder().from("noreply@convoc.example.ma", "")
                .maxRawBytes(100_000).build());
        ComposedEmail email = small.compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.AR),
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(90_000), () -> LINK));
        assertEquals(LetterDelivery.LINKED, email.letterDelivery());
        Document html = html(email);
        assertEquals(2, html.select("a[href=" + LINK + "]").size());
        assertTrue(email.text().contains("يمكنكم تحميل رسالة الدعوة المحينة"), email.text());
        assertTrue(email.text().contains("est à télécharger à cette adresse"), email.text());
    }

    @Test
    void theArabicPartReadsRightToLeftThroughout() {
        Element arabic = html(compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.FR)))
                .selectFirst("div[lang=ar]");
        assertEquals("rtl", arabic.attr("dir"));
        for (Element block : arabic.select("h1, h2, h3, p, ul, li")) {
            assertEquals("rtl", block.attr("dir"), block.outerHtml());
            assertEquals("ar", block.attr("lang"), block.outerHtml());
        }
    }
}
