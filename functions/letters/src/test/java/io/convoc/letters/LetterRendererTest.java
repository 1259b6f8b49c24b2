package io.convoc.letters;

import io.convoc.core.letters.InvitationLetter;

import io.convoc.core.TestProgrammes;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterRendererTest {
    private static final LetterRenderer RENDERER = LetterRenderer.shared();
    private static byte[] president;
    private static String presidentText;

    @BeforeAll
    static void renderOnce() {
        president = RENDERER.render(SampleLetters.presidentLetter());
        presidentText = Pdfs.text(president);
    }

    @Test
    void extractedTextHasTheArabicNameInLogicalOrder() {
        assertTrue(presidentText.contains("كريم العمراني"), presidentText);
    }

    @Test
    void extractedTextHasTheLatinName() {
        assertTrue(presidentText.contains("Monsieur Karim El Amrani"), presidentText);
    }

    @Test
    void extractedTextHasTheArabicEventTitleInLogicalOrder() {
        // the title wraps on two lines in the subject; the event block has it on one
        assertTrue(presidentText.contains("الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"), presidentText);
        assertTrue(presidentText.contains("2èmes Assises nationales de la régionalisation"), presidentText);
    }

    @Test
    void arabicDatesUseMoroccanMonthNames() {
        assertTrue(presidentText.contains("دجنبر"), presidentText);
        assertFalse(presidentText.contains("ديسمبر"), presidentText);
        assertTrue(presidentText.contains("2 décembre 2024"), presidentText);
    }

    @Test
    void arabicDateIsAlsoGivenInTheHijriCalendar() {
        // 2 December 2024 is 30 Jumada al-Ula 1446 in the tabular Islamic calendar
        assertTrue(presidentText.contains("جمادى الأولى"), presidentText);
        assertTrue(presidentText.contains("1446"), presidentText);
    }

    @Test
    void showsTheReferenceTheSessionsAttendedAndTheSignatory() {
        assertTrue(presidentText.contains("N° ANRA-2024/0153"), presidentText);
        assertTrue(presidentText.contains("Le financement des programmes de"), presidentText);
        assertTrue(presidentText.contains("تدبير الإجهاد المائي"), presidentText);
        assertFalse(presidentText.contains("La promotion de l’investissement productif"), "not chosen");
        assertTrue(presidentText.contains("09:30 – 12:30"), presidentText);
        assertTrue(presidentText.contains("Le Ministre de l’Intérieur"), presidentText);
        assertTrue(presidentText.contains("وزير الداخلية"), presidentText);
        assertTrue(presidentText.contains("ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ"), presidentText);
        assertTrue(presidentText.contains("Catégorie : Président(e) de région"), presidentText);
    }

    @Test
    void typicalLetterIsOneSmallPage() {
        assertEquals(1, Pdfs.pages(president));
        // five font subsets are about 21 KB of it, the page content 4 KB, the sRGB profile 0.4 KB
        assertTrue(president.length <= 30 * 1024, president.length + " bytes");
    }

    @Test
    void isPdfA3bCompliantForVeraPdf() throws Exception {
        Pdfs.Verdict verdict = Pdfs.pdfA3b(president);
        assertTrue(verdict.compliant(), verdict.failures());
    }

    @Test
    void qrCodeDecodesToThePayload() throws Exception {
        assertEquals(SampleLetters.presidentLetter().qrPayload(), Pdfs.qrCode(president));
    }

    @Test
    void sameLetterGivesTheSameBytes() {
        assertArrayEquals(president, RENDERER.render(SampleLetters.presidentLetter()));
    }

    @Test
    void aDifferentNameGivesDifferentBytes() {
        Registration other = SampleLetters.registration("reg-0153", Civility.MONSIEUR,
                new PersonName("Karim", "El Amraoui", "كريم العمراوي"), "Président du Conseil de la Région de "
                        + "Tanger-Tétouan-Al Hoceïma", "رئيس مجلس جهة طنجة تطوان الحسيمة", Category.REGION_PRESIDENT,
                List.of("ws-financement", "ws-stress-hydrique"));
        byte[] pdf = RENDERER.render(SampleLetters.letter(other, "ANRA-2024/0153"));
        assertFalse(sha256(pdf).equals(sha256(president)));
    }

    @Test
    void severalThreadsRenderTheSameBytesAsOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i % 4;
                results.add(pool.submit(() -> RENDERER.render(SampleLetters.variedLetter(n))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(RENDERER.render(SampleLetters.variedLetter(i % 4)), results.get(i).get(),
                        "letter " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyWorkshopsGoOnACleanSecondPage() throws Exception {
        Registration everything = SampleLetters.registration("reg-0007", Civility.EXCELLENCE,
                new PersonName("Abdelouafi", "Laftit", "عبد الوافي لفتيت"), "Ministre de l’Intérieur",
                "وزير الداخلية", Category.GOVERNMENT_MEMBER,
                List.copyOf(SampleLetters.assises().workshopIds()));
        byte[] pdf = RENDERER.render(SampleLetters.letter(everything, "ANRA-2024/0007"));
        String text = Pdfs.text(pdf);
        // every workshop of the event does not fit under the letter: exactly one more page, never a third
        assertEquals(2, Pdfs.pages(pdf));
        for (String workshop : List.of("النهوض بالاستثمار المنتج", "تعزيز الجاذبية الترابية", "تطوير النقل والتنقل",
                "التحول الرقمي للجماعات الترابية", "تمويل برامج التنمية", "تدبير الإجهاد المائي")) {
            assertTrue(text.contains(workshop), workshop + " in\n" + text);
        }
        assertTrue(text.contains("Excellence,"), text);
        assertTrue(Pdfs.pdfA3b(pdf).compliant(), Pdfs.pdfA3b(pdf).failures());
        String first = pageText(pdf, 1);
        String second = pageText(pdf, 2);
        assertTrue(second.contains("N° ANRA-2024/0007 (suite)"), second);
        assertTrue(second.contains("Page 2/2"), second);
        assertFalse(first.contains("(suite)") || first.contains("Page 2/2"), first);
    }

    @Test
    void aPracticalNoticeLongerThanAPageFlowsOntoTheNextPages() {
        var assises = SampleLetters.assises();
        var e = assises.event();
        String sentence = "Les navettes partent de la gare de Tanger-Ville toutes les vingt minutes. ";
        String jumla = "تنطلق الحافلات من محطة طنجة المدينة كل عشرين دقيقة. ";
        var event = new io.convoc.core.event.Event(e.id(), e.name(), e.theme(), e.patronage(), e.city(), e.venue(),
                e.startDate(), e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(),
                io.convoc.core.event.Bilingual.of(sentence.repeat(120), jumla.repeat(120)), e.referencePrefix());
        var programme = new io.convoc.core.event.Programme(event, assises.sessions());
        byte[] pdf = RENDERER.render(new InvitationLetter(programme, SampleLetters.president(), "ANRA-2024/0153", 1,
                SampleLetters.ISSUED_ON, "https://example.ma/v/1"));
        String text = Pdfs.text(pdf);
        assertTrue(Pdfs.pages(pdf) >= 3, Pdfs.pages(pdf) + " pages");
        assertTrue(text.contains("Le Ministre de l’Intérieur"), "the signature comes after the whole notice");
        assertEquals(120 * 2, text.split("vingt", -1).length - 1 + text.split("عشرين", -1).length - 1);
    }

    @Test
    void anInviteeWithoutArabicNameIsNamedInLatinOnBothSides() {
        Registration foreign = SampleLetters.registration("reg-0201", Civility.MADAME,
                new PersonName("Élodie", "Durand", ""), "Experte, Banque mondiale", "", Category.EXPERT,
                List.of("ws-numerique"));
        String text = Pdfs.text(RENDERER.render(SampleLetters.letter(foreign, "ANRA-2024/0201")));
        assertTrue(text.contains("Madame Élodie Durand"), text);
        assertTrue(text.contains("السيدة Élodie Durand المحترمة"), text);
        assertTrue(text.contains("Veuillez agréer, Madame,"), text);
    }

    @Test
    void anInviteeWithOnlyAnArabicNameIsNamedInArabicOnBothSides() {
        Registration arabicOnly = SampleLetters.registration("reg-0202", null,
                new PersonName("", "", "إدريس الحسني"), "", "", Category.PRESS, List.of());
        byte[] pdf = RENDERER.render(SampleLetters.letter(arabicOnly, "ANRA-2024/0202"));
        String text = Pdfs.text(pdf);
        assertTrue(text.contains("إدريس الحسني"), text);
        assertTrue(text.contains("Madame, Monsieur,"), text);
        assertEquals(1, Pdfs.pages(pdf));
    }

    @Test
    void rendersTheSmallTestProgrammeOfCore() {
        var programme = TestProgrammes.assises();
        Registration registration = SampleLetters.registration("reg-1", Civility.MONSIEUR,
                new PersonName("Ali", "Bennani", "علي بناني"), "", "", Category.EXPERT, List.of("ws-numerique"));
        byte[] pdf = RENDERER.render(new InvitationLetter(programme, registration, "ANRA-2024/0001", 2,
                LocalDate.of(2024, 12, 1), "https://example.ma/v/1"));
        String text = Pdfs.text(pdf);
        assertTrue(text.contains("Lettre N° ANRA-2024/0001, version 2"), text);
        assertTrue(text.contains("Rabat, le 1er décembre 2024"), text);
    }

    @Test
    void refusesALetterForAnotherEvent() {
        Registration elsewhere = new Registration("r", "other-event", Civility.MONSIEUR,
                new PersonName("A", "B", ""), "", "", Category.PRESS, "", null, "a@b.ma", null, null, List.of(),
                null, null, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> new InvitationLetter(SampleLetters.assises(), elsewhere,
                "X/1", 1, LocalDate.of(2024, 12, 1), "https://example.ma"));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page's text, as PDFBox extracts it; no-break spaces read as spaces. */
    private static String pageText(byte[] pdf, int page) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(document).replace('\u00A0', ' ').replace('\u202F', ' ');
        }
    }
}
