package io.convoc.notices.sms;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.Fixtures;
import io.convoc.notices.UnsendableNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMS of an organizers' announcement: their text for the person, in each language read, and the stop line. */
class AnnouncementSmsTest {
    private static final URI LETTER = URI.create("https://anra.ma/l/Ab3dE9xQ");
    private static final URI STOP = URI.create("https://anra.ma/l/St0pX7kq");
    private static final SmsComposer COMPOSER = new SmsComposer();

    /** The sample announcement: the eve of the Assises, the letter's link for those who have one. */
    static final Bilingual SAMPLE = Bilingual.of(
            "((name)), les Assises s’ouvrent demain à 9h30 au Palais des congrès de Tanger. Accueil dès 8h30, "
                    + "présentez votre lettre d’invitation.((letter_link?? Lettre : ((letter_link))))",
            "((name))، تفتتح المناظرة غدا على الساعة 9:30 بقصر المؤتمرات بطنجة. الاستقبال ابتداء من 8:30، "
                    + "المرجو الإدلاء برسالة الدعوة.((letter_link?? الرسالة: ((letter_link))))");

    static Announcement announcement(Bilingual sms) {
        Instant at = Instant.parse("2024-12-19T09:00:00Z");
        return new Announcement(7, "assises-2024", null, null, sms, Set.of(Channel.SMS), Audience.everyone(),
                AnnouncementState.SENDING, at, "organisateur.dgct", at, at, AnnouncementCounters.NONE, null, false, null);
    }

    private static AnnouncementNotice notice(Bilingual sms, Registration registration) {
        return new AnnouncementNotice(Fixtures.assises(), registration, announcement(sms));
    }

    private static AnnouncementNotice notice(Bilingual sms, LanguagePreference languages) {
        return notice(sms, Fixtures.invitee(languages));
    }

    private static Registration withoutLetter(Registration r) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), r.workshops(), r.source(),
                r.status(), null, null, r.createdAt(), r.updatedAt());
    }

    private static String parts(SmsNotice sms) {
        return sms.totalParts() + " parts:\n" + sms.messages().stream()
                .map(m -> m.language().tag() + " (" + m.count().parts() + " × " + m.count().encoding() + ", "
                        + m.count().units() + " units): " + m.text())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void anAnnouncementHasAnSms() {
        assertTrue(SmsComposer.writes(NoticeKind.ANNOUNCEMENT));
    }

    @Test
    void thePlaceholdersAreFilledForThePersonInEachLanguageThenTheStopLine() {
        SmsNotice sms = COMPOSER.compose(notice(SAMPLE, LanguagePreference.BOTH), LETTER, STOP);
        assertEquals(List.of(Language.FR, Language.AR), sms.messages().stream().map(SmsText::language).toList());
        assertEquals("Monsieur Karim Alaoui, les Assises s'ouvrent demain à 9h30 au Palais des congrès de Tanger. "
                + "Accueil dès 8h30, présentez votre lettre d'invitation. Lettre : " + LETTER + "\n"
                + "STOP annonces : " + STOP, sms.messages().get(0).text(), parts(sms));
        assertEquals("السيد كريم العلوي، تفتتح المناظرة غدا على الساعة 9:30 بقصر المؤتمرات بطنجة. الاستقبال ابتداء من "
                + "8:30، المرجو الإدلاء برسالة الدعوة. الرسالة: " + LETTER + "\n"
                + "إيقاف الإعلانات: " + STOP, sms.messages().get(1).text(), parts(sms));
        // French written GSM-safe (’ → '), as the other SMS; Arabic is UCS-2
        assertEquals(SmsEncoding.GSM_7BIT, sms.messages().get(0).count().encoding(), parts(sms));
        assertEquals(SmsEncoding.UCS_2, sms.messages().get(1).count().encoding(), parts(sms));
        assertEquals(SmsWording.FULL, sms.wording());
        System.out.println("sample announcement, fr+ar, short links on https://anra.ma: " + parts(sms));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            FR            | FR
            AR            | AR
            BOTH          | FR,AR
            BOTH_AR_FIRST | AR,FR
            """)
    void eachLanguageReadHasItsMessageEachEndingWithItsStopLine(LanguagePreference preference, String languages) {
        SmsNotice sms = COMPOSER.compose(notice(SAMPLE, preference), LETTER, STOP);
        assertEquals(Arrays.stream(languages.split(",")).map(Language::valueOf).toList(),
                sms.messages().stream().map(SmsText::language).toList());
        for (SmsText m : sms.messages()) {
            String[] lines = m.text().split("\n");
            String stop = m.language() == Language.FR ? "STOP annonces : " : "إيقاف الإعلانات: ";
            assertEquals(stop + STOP, lines[lines.length - 1], m.text());
            assertEquals(SmsCount.of(m.text()), m.count(), "counted as carriers count it");
        }
    }

    @Test
    void withoutALetterTheLinkAndWhatDependsOnItAreLeftOut() {
        AnnouncementNotice notice = notice(SAMPLE, withoutLetter(Fixtures.invitee(LanguagePreference.BOTH)));
        SmsNotice sms = COMPOSER.compose(notice, null, STOP);
        assertTrue(sms.messages().get(0).text().endsWith("présentez votre lettre d'invitation.\nSTOP annonces : " + STOP),
                parts(sms));
        assertTrue(sms.messages().get(1).text().endsWith("المرجو الإدلاء برسالة الدعوة.\nإيقاف الإعلانات: " + STOP),
                parts(sms));
        sms.messages().forEach(m -> assertFalse(m.text().contains(LETTER.toString()), m.text()));
    }

    @Test
    void theOrganizersLineBreaksAreKeptEachOneCharacter() {
        SmsNotice sms = COMPOSER.compose(notice(Bilingual.of("Rappel\r\n\r\nDemain 9h30 ", "تذكير\r\nغدا 9:30"),
                LanguagePreference.BOTH), LETTER, STOP);
        assertEquals("Rappel\n\nDemain 9h30\nSTOP annonces : " + STOP, sms.messages().get(0).text());
        assertEquals("تذكير\nغدا 9:30\nإيقاف الإعلانات: " + STOP, sms.messages().get(1).text());
    }

    @Test
    void frenchKeepsItsAccentsWhenFoldingCannotMakeItGsm() {
        Bilingual text = Bilingual.of("Fête de l’accueil 😀", "حفل الاستقبال");
        SmsText folded = COMPOSER.compose(notice(Bilingual.of("Fête de l’accueil", "حفل"), LanguagePreference.FR),
                LETTER, STOP).messages().get(0);
        assertTrue(folded.text().startsWith("Fete de l'accueil\n"), folded.text());
        SmsText kept = COMPOSER.compose(notice(text, LanguagePreference.FR), LETTER, STOP).messages().get(0);
        assertTrue(kept.text().startsWith("Fête de l’accueil 😀\n"), kept.text());
        assertEquals(SmsEncoding.UCS_2, kept.count().encoding());
        SmsText exact = new SmsComposer(new SmsSettings(false, 6))
                .compose(notice(Bilingual.of("Fête de l’accueil", "حفل"), LanguagePreference.FR), LETTER, STOP)
                .messages().get(0);
        assertTrue(exact.text().startsWith("Fête de l’accueil\n"), "not folded when GSM-safe French is off");
    }

    @Test
    void overTheMaximumItIsRefusedWithWhatEachMessageCosts() {
        // the longest text the API takes (480 characters a language): 8 parts in Arabic alone
        Bilingual longest = Bilingual.of("Information. ".repeat(36) + "Fin.", "معلومات مهمة. ".repeat(34) + "شكرا");
        AnnouncementNotice notice = notice(longest, LanguagePreference.BOTH);
        SmsTooLong e = assertThrows(SmsTooLong.class, () -> COMPOSER.compose(notice, LETTER, STOP));
        assertEquals("sms_too_long", e.code());
        assertEquals(6, e.maxParts());
        assertEquals(List.of(Language.FR, Language.AR), e.messages().stream().map(SmsText::language).toList());
        assertEquals(e.parts(), e.messages().stream().mapToInt(m -> m.count().parts()).sum());
        assertTrue(e.parts() > 6, e.getMessage());
        assertTrue(e.getMessage().contains("maximum of 6") && e.getMessage().contains("announcement 7"), e.getMessage());
        // the budget is the notice's, all its languages together: French alone fits
        assertTrue(COMPOSER.compose(notice(longest, LanguagePreference.FR), LETTER, STOP).totalParts() <= 6);
        // and a lower maximum refuses the sample too
        SmsTooLong sample = assertThrows(SmsTooLong.class, () -> new SmsComposer(new SmsSettings(true, 2))
                .compose(notice(SAMPLE, LanguagePreference.BOTH), LETTER, STOP));
        assertEquals(2, sample.maxParts());
    }

    @Test
    void anAnnouncementWithoutTextInALanguageReadIsUnsendable() {
        UnsendableNotice e = assertThrows(UnsendableNotice.class, () -> COMPOSER.compose(
                notice(Bilingual.of("Rappel", " "), LanguagePreference.BOTH), LETTER, STOP));
        assertEquals("no_sms_text", e.code());
    }

    @Test
    void anAnnouncementNeedsItsStopLink() {
        AnnouncementNotice notice = notice(SAMPLE, LanguagePreference.FR);
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose((io.convoc.notices.Notice) notice, LETTER));
        assertThrows(NullPointerException.class, () -> COMPOSER.compose(notice, LETTER, null));
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(notice, LETTER,
                URI.create("javascript:alert(1)")));
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(notice, URI.create("/l/x"), STOP));
    }
}
