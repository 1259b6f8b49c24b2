package io.convoc.notices.sms;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.notices.AlreadyRegistered;
import io.convoc.notices.Confirmation;
import io.convoc.notices.Fixtures;
import io.convoc.notices.ScheduleChange;
import io.convoc.notices.UnsendableNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsComposerTest {
    private static final URI LINK = URI.create("https://cvc.ma/l/Ab3dE9xQ");
    /** A short link on the API's own domain: long enough that the short wording of a confirmation saves no part. */
    private static final URI API_LINK = URI.create("https://a1b2c3d4e5.execute-api.eu-west-3.amazonaws.com/l/Ab3dE9xQ");
    private static final SmsComposer COMPOSER = new SmsComposer();

    private static SmsNotice compose(LanguagePreference languages) {
        return compose(languages, LINK);
    }

    private static SmsNotice compose(LanguagePreference languages, URI link) {
        return COMPOSER.compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(languages)), link);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            FR            | FR
            AR            | AR
            BOTH          | FR,AR
            BOTH_AR_FIRST | AR,FR
            """)
    void eachLanguageGetsItsOwnMessagePreferredFirst(LanguagePreference preference, String languages) {
        List<Language> expected = Arrays.stream(languages.split(",")).map(Language::valueOf).toList();
        assertEquals(expected, compose(preference).messages().stream().map(SmsText::language).toList());
    }

    @Test
    void theMessageSaysEventDatesPlaceAndWhereTheLetterIs() {
        SmsNotice sms = compose(LanguagePreference.BOTH, API_LINK);
        assertEquals(SmsWording.FULL, sms.wording());
        assertEquals("Inscription confirmée : 2èmes Assises nationales de la régionalisation avancée, "
                + "Palais des congrès, Tanger, 20 et 21 décembre 2024. Votre lettre d'invitation : " + API_LINK,
                sms.messages().get(0).text());
        assertEquals("تأكيد التسجيل: الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة، قصر المؤتمرات، طنجة، "
                + "يومي 20 و21 دجنبر 2024. رسالة الدعوة: " + API_LINK, sms.messages().get(1).text());
    }

    /**
     * With a short link on a short domain, a confirmation's short wording (the city, not the venue) costs fewer parts:
     * it is taken, an Arabic confirmation is 2 parts instead of 3 and a French one 1 instead of 2.
     */
    @Test
    void aConfirmationTakesTheShortWordingWhenItCostsFewerParts() {
        SmsNotice arabic = compose(LanguagePreference.AR);
        assertEquals(SmsWording.SHORT, arabic.wording());
        assertEquals(2, arabic.totalParts(), arabic.toString());
        assertEquals("تأكيد التسجيل: الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة، طنجة، "
                + "يومي 20 و21 دجنبر 2024. الرسالة: " + LINK, arabic.messages().get(0).text());
        SmsNotice french = compose(LanguagePreference.FR);
        assertEquals(SmsWording.SHORT, french.wording());
        assertEquals(1, french.totalParts(), french.toString());
        assertEquals(3, compose(LanguagePreference.BOTH).totalParts());
        // where the short wording saves nothing, the full one stays
        assertEquals(SmsWording.FULL, compose(LanguagePreference.AR, API_LINK).wording());
    }

    @Test
    void anAlreadyRegisteredNoticeHasNoSms() {
        UnsendableNotice e = assertThrows(UnsendableNotice.class, () -> COMPOSER.compose(
                new AlreadyRegistered(Fixtures.assises(), Fixtures.invitee(LanguagePreference.BOTH)), LINK));
        assertEquals("unsupported_kind", e.code());
        assertTrue(e.getMessage().contains("ALREADY_REGISTERED") && e.getMessage().contains("e-mail only"), e.getMessage());
    }

    // ---- schedule change ------------------------------------------------------------------------------------------

    private static String parts(SmsNotice sms) {
        return sms.wording() + " wording, " + sms.totalParts() + " parts:\n" + sms.messages().stream()
                .map(m -> m.language().tag() + " (" + m.count().parts() + " × " + m.count().encoding() + ", "
                        + m.count().units() + " units): " + m.text())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aScheduleChangeSmsSaysTheSessionAndBeforeAndAfterInEachLanguage() {
        SmsNotice sms = COMPOSER.compose(Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.BOTH), LINK);
        assertEquals(SmsWording.FULL, sms.wording(), parts(sms));
        assertEquals("Changement de programme - 2èmes Assises nationales de la régionalisation avancée : "
                + "atelier \"Le renforcement de l'attractivité territoriale\", "
                + "horaire le vendredi 20 décembre : 15:00 - 18:00 -> 16:00 - 19:00, "
                + "lieu Salle 1 -> Salle 4. Lettre mise à jour : " + LINK, sms.messages().get(0).text(), parts(sms));
        assertEquals("تغيير في البرنامج - الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة: "
                + "ورشة «تعزيز الجاذبية الترابية»، "
                + "الموعد الجديد يوم الجمعة 20 دجنبر: من 16:00 إلى 19:00 بدل من 15:00 إلى 18:00، "
                + "المكان الجديد القاعة 4 بدل القاعة 1. رسالة الدعوة المحينة: " + LINK, sms.messages().get(1).text(), parts(sms));
        assertEquals(SmsEncoding.GSM_7BIT, sms.messages().get(0).count().encoding(), parts(sms));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource(delimiter = '|', textBlock = """
            moved     | BOTH
            moved     | BOTH_AR_FIRST
            cancelled | BOTH
            added     | BOTH
            moved     | FR
            cancelled | AR
            """)
    void theAssisesScheduleChangeSmsStaysWithinTheBudget(String change, LanguagePreference languages) {
        ScheduleChange notice = Fixtures.scheduleChange(change(change), languages);
        SmsNotice sms = COMPOSER.compose(notice, LINK);
        assertTrue(sms.totalParts() <= SmsSettings.DEFAULTS.maxParts(), parts(sms));
        assertEquals(languages.languages(), sms.messages().stream().map(SmsText::language).toList(), parts(sms));
        System.out.println(change + ", " + languages + ": " + parts(sms));
    }

    @Test
    void aCancelledSessionSaysWhichSlotIsCancelled() {
        SmsNotice sms = COMPOSER.compose(Fixtures.scheduleChange(Fixtures.cancelled(), LanguagePreference.BOTH), LINK);
        assertTrue(sms.messages().get(0).text().contains(
                "atelier \"Le renforcement de l'attractivité territoriale\", annulation de la séance du vendredi 20 "
                        + "décembre, 15:00 - 18:00."), parts(sms));
        assertTrue(sms.messages().get(1).text().contains(
                "ورشة «تعزيز الجاذبية الترابية»، تم إلغاء الجلسة المقررة يوم الجمعة 20 دجنبر، من 15:00 إلى 18:00."),
                parts(sms));
    }

    @Test
    void aScheduleChangeFallsBackToTheShortWordingThenRefuses() {
        ScheduleChange notice = Fixtures.scheduleChange(Fixtures.moved(), LanguagePreference.BOTH);
        SmsNotice shorter = new SmsComposer(new SmsSettings(true, 4)).compose(notice, LINK);
        assertEquals(SmsWording.SHORT, shorter.wording(), parts(shorter));
        assertTrue(shorter.totalParts() <= 4, parts(shorter));
        assertEquals("Changement de programme : atelier \"Le renforcement de l'attractivité territoriale\", "
                + "nouvel horaire, nouvelle salle. Lettre : " + LINK, shorter.messages().get(0).text(), parts(shorter));
        assertEquals("تغيير في البرنامج: ورشة «تعزيز الجاذبية الترابية»، موعد جديد، مكان جديد. الرسالة: " + LINK,
                shorter.messages().get(1).text(), parts(shorter));
        SmsTooLong e = assertThrows(SmsTooLong.class, () -> new SmsComposer(new SmsSettings(true, 1)).compose(notice, LINK));
        assertEquals("sms_too_long", e.code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"moved", "cancelled", "added"})
    void withTheFullLengthLinkTheSenderMakesAScheduleChangeStillFits(String change) {
        // what sms-sender writes today: the API's URL and a signed download token (about 140 characters)
        URI link = URI.create("https://a1b2c3d4e5.execute-api.eu-west-3.amazonaws.com/api/letters/"
                + "0b9f6c1e-3d4a-4f7e-9a51-6c2d8e7f1a23.2.1735689600.Qm9uam91ciBsZXMgQXNz");
        SmsNotice sms = COMPOSER.compose(Fixtures.scheduleChange(change(change), LanguagePreference.BOTH), link);
        assertTrue(sms.totalParts() <= SmsSettings.DEFAULTS.maxParts(), parts(sms));
        System.out.println(change + ", full-length link: " + parts(sms));
    }

    private static ProgrammeChange change(String name) {
        Supplier<ProgrammeChange> change = switch (name) {
            case "moved" -> Fixtures::moved;
            case "cancelled" -> Fixtures::cancelled;
            case "added" -> Fixtures::added;
            default -> throw new IllegalArgumentException(name);
        };
        return change.get();
    }

    @Test
    void frenchStaysGsmAndArabicIsUcs2() {
        SmsNotice sms = compose(LanguagePreference.BOTH, API_LINK);
        SmsCount french = sms.messages().get(0).count();
        SmsCount arabic = sms.messages().get(1).count();
        assertEquals(SmsEncoding.GSM_7BIT, french.encoding());
        assertEquals(2, french.parts());
        assertEquals(SmsEncoding.UCS_2, arabic.encoding());
        assertEquals(3, arabic.parts());
        assertEquals(5, sms.totalParts());
        // why two messages: as one bilingual UCS-2 message it would cost more
        String bilingual = sms.messages().get(0).text() + "\n" + sms.messages().get(1).text();
        assertTrue(SmsCount.of(bilingual).parts() > sms.totalParts());
    }

    @Test
    void frenchAccentsForceUcs2UnlessGsmSafe() {
        Programme programme = withEventName(Bilingual.of("Fête de l’Hôtel « Maître »", "حفل"));
        Confirmation notice = new Confirmation(programme, Fixtures.invitee(LanguagePreference.FR));

        SmsText safe = new SmsComposer(new SmsSettings(true, 6)).compose(notice, LINK).messages().get(0);
        assertEquals(SmsEncoding.GSM_7BIT, safe.count().encoding());
        assertTrue(safe.text().contains("Fete de l'Hotel \" Maitre \""), safe.text());
        assertTrue(safe.text().contains("décembre"), "é is GSM and stays");

        SmsText exact = new SmsComposer(new SmsSettings(false, 6)).compose(notice, LINK).messages().get(0);
        assertEquals(SmsEncoding.UCS_2, exact.count().encoding());
        assertTrue(exact.text().contains("Fête de l’Hôtel « Maître »"));
        assertEquals(List.of("ê", "’", "ô", "«", "î", "»"), exact.count().nonGsmCharacters());
    }

    @Test
    void accentsAreKeptWhenFoldingCannotAvoidUcs2() {
        // a name GSM cannot write anyway: the SMS is UCS-2 whatever we do, so it keeps its accents
        Programme programme = withEventName(Bilingual.of("Fête 😀", "حفل"));
        SmsText text = COMPOSER.compose(new Confirmation(programme, Fixtures.invitee(LanguagePreference.FR)), LINK)
                .messages().get(0);
        assertTrue(text.text().startsWith("Inscription confirmée : Fête 😀"), text.text());
    }

    @Test
    void fallsBackToTheShortWordingWhenOverTheMaximum() {
        SmsNotice sms = new SmsComposer(new SmsSettings(true, 4))
                .compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.BOTH)), LINK);
        assertEquals(SmsWording.SHORT, sms.wording());
        assertTrue(sms.totalParts() <= 4, sms.toString());
        assertFalse(sms.messages().get(0).text().contains("Palais des congrès"), "the city replaces the venue");
        assertTrue(sms.messages().get(0).text().contains("Tanger"));
        assertTrue(sms.messages().get(1).text().contains("طنجة"));
    }

    @Test
    void refusesWhenEvenTheShortWordingIsTooLong() {
        SmsComposer oneAtMost = new SmsComposer(new SmsSettings(true, 1));
        SmsTooLong e = assertThrows(SmsTooLong.class, () -> oneAtMost
                .compose(new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.BOTH)), LINK));
        assertEquals("sms_too_long", e.code());
        assertEquals(1, e.maxParts());
        assertTrue(e.parts() > 1);
        assertTrue(e.getMessage().contains("maximum of 1"), e.getMessage());
    }

    @Test
    void aValueWithLineBreaksStaysOnOneLine() {
        Programme programme = withEventName(Bilingual.of("Assises\r\nnationales", "المناظرة\nالوطنية"));
        SmsNotice sms = COMPOSER.compose(new Confirmation(programme, Fixtures.invitee(LanguagePreference.BOTH)), LINK);
        sms.messages().forEach(m -> assertFalse(m.text().contains("\n") || m.text().contains("\r"), m.text()));
    }

    @ParameterizedTest
    @CsvSource({"javascript:alert(1)", "/letters/abc", "ftp://cvc.ma/l/x"})
    void theLetterLinkIsAWebAddress(String link) {
        assertThrows(IllegalArgumentException.class, () -> COMPOSER.compose(
                new Confirmation(Fixtures.assises(), Fixtures.invitee(LanguagePreference.FR)), URI.create(link)));
    }

    @Test
    void maxPartsIsWithinWhatConcatenationCanNumber() {
        assertThrows(IllegalArgumentException.class, () -> new SmsSettings(true, 0));
        assertThrows(IllegalArgumentException.class, () -> new SmsSettings(true, 256));
    }

    private static Programme withEventName(Bilingual name) {
        Programme p = Fixtures.assises();
        Event e = p.event();
        return new Programme(new Event(e.id(), name, e.theme(), e.patronage(), e.city(), e.venue(), e.startDate(),
                e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(), e.practicalInformation(),
                e.referencePrefix()), p.sessions());
    }
}
