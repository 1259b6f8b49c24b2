package io.convoc.notices;

import io.convoc.core.event.Language;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.notices.sms.GsmAlphabet;
import io.convoc.notices.sms.SmsComposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundlesTest {
    // written once, in the base bundle, for every language
    private static final Set<String> LANGUAGE_NEUTRAL = Set.of("email.subject.join", "calendar.join", "letter.fileName");

    @Test
    void everyFrenchWordHasItsArabicAndNoArabicWordIsOrphaned() throws IOException {
        Set<String> french = new TreeSet<>(load("notices.properties").stringPropertyNames());
        Set<String> arabic = new TreeSet<>(load("notices_ar.properties").stringPropertyNames());
        french.removeAll(LANGUAGE_NEUTRAL);
        assertEquals(french, arabic);
    }

    // the kinds whose e-mail carries the letter (an announcement's words are the organizers': see below)
    @ParameterizedTest
    @EnumSource(value = NoticeKind.class, names = {"CONFIRMATION", "SCHEDULE_CHANGE", "ALREADY_REGISTERED"})
    void everyKindWithContentHasItsEmailTemplatesAndWords(NoticeKind kind) {
        for (String template : new String[]{kind.key() + ".html", kind.key() + ".txt"}) {
            assertNotNull(getClass().getResource("/io/convoc/notices/templates/" + template), template);
        }
        for (Language language : Language.values()) {
            NoticeText text = NoticeText.of(language);
            for (String key : new String[]{"email." + kind.key() + ".subject", "email." + kind.key() + ".heading",
                    "email." + kind.key() + ".letter.heading", "email." + kind.key() + ".letter.attached",
                    "email." + kind.key() + ".letter.linked", "email." + kind.key() + ".letter.linkNote",
                    "email." + kind.key() + ".letter.present"}) {
                assertTrue(text.has(key), language + " lacks " + key);
            }
        }
    }

    @Test
    void anAnnouncementHasItsTemplatesItsUnsubscribeWordsAndItsPlaceholderWords() {
        NoticeKind kind = NoticeKind.ANNOUNCEMENT;
        for (String template : new String[]{kind.key() + ".html", kind.key() + ".txt"}) {
            assertNotNull(getClass().getResource("/io/convoc/notices/templates/" + template), template);
        }
        for (Language language : Language.values()) {
            NoticeText text = NoticeText.of(language);
            for (String key : new String[]{"email.announcement.unsubscribe", "email.announcement.unsubscribe.link",
                    "announcement.name.MONSIEUR", "announcement.name.MADAME", "announcement.name.EXCELLENCE",
                    "announcement.name.none", "announcement.workshops.and"}) {
                assertTrue(text.has(key), language + " lacks " + key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = NoticeKind.class, names = {"CONFIRMATION", "SCHEDULE_CHANGE"})
    void everyKindWithAnSmsHasItsWordings(NoticeKind kind) {
        assertTrue(SmsComposer.writes(kind), kind + " has an SMS");
        for (Language language : Language.values()) {
            NoticeText text = NoticeText.of(language);
            for (String key : new String[]{"sms." + kind.key() + ".full", "sms." + kind.key() + ".short"}) {
                assertTrue(text.has(key), language + " lacks " + key);
            }
        }
    }

    @Test
    void alreadyRegisteredSaysWhatToDoInBothLanguagesAndIsAnEmailOnly() throws IOException {
        for (Language language : Language.values()) {
            NoticeText text = NoticeText.of(language);
            for (String key : new String[]{"email.already-registered.intro", "email.already-registered.ignore"}) {
                assertTrue(text.has(key), language + " lacks " + key);
            }
        }
        assertFalse(SmsComposer.writes(NoticeKind.ALREADY_REGISTERED));
        for (String bundle : new String[]{"notices.properties", "notices_ar.properties"}) {
            assertTrue(load(bundle).stringPropertyNames().stream().noneMatch(k -> k.startsWith("sms.already-registered.")),
                    bundle + " has SMS words for an e-mail-only kind");
        }
    }

    @Test
    void frenchSmsWordingIsGsmSoThatOnlyTheEventsOwnWordsCanCostMore() throws IOException {
        Properties french = load("notices.properties");
        for (String key : french.stringPropertyNames()) {
            if (key.startsWith("sms.")) {
                String wording = NoticeText.of(Language.FR).get(key, "", "", "", "", "");
                assertTrue(GsmAlphabet.canEncode(wording), key + " has characters outside GSM: " + wording);
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream("/io/convoc/notices/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
