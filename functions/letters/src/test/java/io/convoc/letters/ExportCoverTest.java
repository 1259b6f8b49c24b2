package io.convoc.letters;

import io.convoc.core.letters.LetterSelection;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cover of an export: laid out before its page numbers are known, bilingual, Arabic shaped and in order. */
class ExportCoverTest {
    private static final Instant MADE = Instant.parse("2024-12-02T09:15:00Z");

    private static List<ExportCover.Line> lines(int count) {
        List<ExportCover.Line> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(new ExportCover.Line(String.format("ANRA-2024/%04d", i),
                    new PersonName("Karim", "El Amrani " + i, "كريم العمراني"), Category.values()[i % 8]));
        }
        return lines;
    }

    @Test
    void listsEveryLetterWithItsFirstPageUnderABilingualHeading() {
        LetterSelection selection = new LetterSelection("assises-2024", Category.EXPERT,
                Region.TANGER_TETOUAN_AL_HOCEIMA, "ws-financement", RegistrationStatus.LETTER_READY, List.of());
        ExportCover.Sheet sheet = ExportCover.shared().layout(SampleLetters.assises(), selection, MADE, lines(120),
                150);
        assertTrue(sheet.pages() >= 2, sheet.pages() + " pages for 120 lines");
        int[] first = new int[120];
        for (int i = 0; i < first.length; i++) {
            first[i] = sheet.pages() + 1 + i;
        }
        byte[] pdf = sheet.render(first);
        assertEquals(sheet.pages(), Pdfs.pages(pdf));
        String text = Pdfs.text(pdf).replaceAll("\\s+", " "); // lines wrapped in the columns read as one
        // PDFBox reads the shaped, reordered Arabic back as the logical text it was written from
        for (String expected : List.of("Lettres d’invitation – dossier d’impression", "رسائل الدعوة – ملف الطباعة",
                "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة", "كريم العمراني", "Expert national / international",
                "catégorie « Expert national / international »", "Tanger-Tétouan-Al Hoceïma", "Établi le 2 décembre 2024",
                "120 lettres, " + (150 + sheet.pages()) + " pages dont " + sheet.pages() + " pages de couverture",
                "Couverture, page 1/" + sheet.pages())) {
            assertTrue(text.contains(expected), expected + " in\n" + text.substring(0, 1500));
        }
        int previous = -1;
        for (int i = 1; i <= 120; i++) {
            int at = text.indexOf(String.format("ANRA-2024/%04d", i));
            assertTrue(at > previous, "line " + i + " after line " + (i - 1));
            previous = at;
        }
        assertThrows(IllegalArgumentException.class, () -> sheet.render(new int[3]));
    }
}
