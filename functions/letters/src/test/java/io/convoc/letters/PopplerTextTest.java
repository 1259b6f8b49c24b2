package io.convoc.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What poppler's {@code pdftotext} (installed by {@code .ci/run}; skipped when absent) reads: the text as typed. Lines
 * poppler would misread from their glyphs (mixed directions, digits, punctuation, lam-alef, harakat) carry an
 * ActualText made for its reordering ({@link ActualText}); the invisible LEFT-TO-RIGHT MARKs it leaves in the text are
 * dropped here, as are the RLE…PDF poppler wraps right-to-left stretches in.
 */
class PopplerTextTest {
    private static String arabicOnly;
    private static String latinName;
    private static String harakat;

    @BeforeAll
    static void extract() throws Exception {
        Registration arabicName = SampleLetters.registration("reg-0202", Civility.MONSIEUR,
                new PersonName("", "", "إدريس الحسني"), "", "رئيس (مكلف) بالمهمة", Category.PRESS, List.of());
        arabicOnly = Pdfs.pdftotext(LetterRenderer.shared().render(SampleLetters.letter(arabicName,
                "ANRA-2024/0202")), true);
        assumeTrue(arabicOnly != null, "poppler-utils not installed");
        latinName = Pdfs.pdftotext(LetterRenderer.shared().render(SampleLetters.letter(latinOnly(),
                "ANRA-2024/0210")), true);
        harakat = Normalizer.normalize(Pdfs.pdftotext(HarakatSample.render(), true), Normalizer.Form.NFC);
    }

    /** Jean-Pierre Dupont has no Arabic name: the Arabic column names him in Latin letters. */
    static Registration latinOnly() {
        return SampleLetters.registration("reg-0210", Civility.MONSIEUR,
                new PersonName("Jean-Pierre", "Dupont", ""), "Élu, Conseil communal n° 12",
                "منتخب(ة) بالمجلس الجماعي رقم 12", Category.EXPERT, List.of("ws-numerique"));
    }

    @Test
    void arabicComesOutAsLettersNotPresentationForms() {
        // lam-alef too: its lines carry the typed letters
        assertFalse(arabicOnly.chars().anyMatch(c -> (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)),
                arabicOnly);
        assertTrue(arabicOnly.contains("المملكة المغربية"), arabicOnly);
        assertTrue(arabicOnly.contains("السيد إدريس الحسني المحترم"), arabicOnly);
        assertTrue(arabicOnly.contains("الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"), arabicOnly);
        assertTrue(arabicOnly.contains("تحت الرعاية السامية لصاحب الجلالة الملك محمد السادس"), arabicOnly);
    }

    @Test
    void pdftotextReadsALatinNameInsideArabicInLogicalOrder() {
        assertTrue(latinName.contains("السيد Jean-Pierre Dupont المحترم"), latinName);
        assertTrue(latinName.contains("رقم: ANRA-2024/0210"), latinName);
        assertTrue(latinName.contains("الرسالة رقم ANRA-2024/0210"), latinName);
    }

    @Test
    void pdftotextReadsArabicDatesInLogicalOrder() {
        assertTrue(latinName.contains("طنجة، يومي 20 و21 دجنبر 2024"), latinName);
        assertTrue(latinName.contains("الرباط، في 30 جمادى الأولى 1446 هـ (2 دجنبر 2024)"), latinName);
        assertTrue(latinName.contains("السبت 21 دجنبر 2024"), latinName);
        assertTrue(latinName.contains("يبدأ استقبال المشاركين ابتداء من الساعة 08:30. يرجى الإدلاء"), latinName);
    }

    @Test
    void pdftotextKeepsGuillemetsAndBracketsWhereTheyWereTyped() {
        assertTrue(latinName.contains("«الجهوية المتقدمة بين تحديات الحاضر والمستقبل»"), latinName);
        assertTrue(latinName.contains("منتخب(ة) بالمجلس الجماعي رقم 12"), latinName);
        assertTrue(latinName.contains("« La régionalisation avancée, entre les défis d’aujourd’hui"), latinName);
    }

    @Test
    void pdftotextKeepsBracketsInAnArabicOnlyTitleInBothColumns() {
        // the French column shows the Arabic title too, isolated in the French line
        assertEquals(2, arabicOnly.split("رئيس \\(مكلف\\) بالمهمة", -1).length - 1, arabicOnly);
        assertTrue(arabicOnly.contains("Monsieur إدريس الحسني"), arabicOnly);
    }

    @Test
    void pdftotextKeepsArabicPunctuationAfterItsWord() {
        assertTrue(latinName.contains("سلام تام بوجود مولانا الإمام، وبعد،"), latinName);
        assertTrue(latinName.contains("برنامج مشاركتكم:"), latinName);
        assertTrue(latinName.contains("ورشة: التحول الرقمي للجماعات الترابية"), latinName);
    }

    @Test
    void pdftotextReadsTifinaghLeftToRight() {
        assertTrue(latinName.contains("ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ"), latinName);
    }

    @Test
    void pdftotextReadsHarakatAfterTheirLetters() {
        String line = Normalizer.normalize("السيد " + HarakatSample.NAME + " المحترم", Normalizer.Form.NFC);
        assertTrue(harakat.contains(line), harakat);
    }
}
