package io.convoc.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every letter ≤ 30 KB, tagged (PDF/A-3a, PDF/UA-1) with the ActualText poppler needs: the benchmark's population of
 * invitees, and the longest letter (two pages).
 */
class LetterSizeTest {
    private static final int LIMIT = 30 * 1024;
    private static final LetterRenderer RENDERER = LetterRenderer.shared();

    @Test
    void everyBenchmarkLetterIsAtMost30KB() {
        int largest = 0;
        int at = -1;
        for (int i = 0; i < 2000; i++) {
            int size = RENDERER.render(SampleLetters.variedLetter(i)).length;
            if (size > largest) {
                largest = size;
                at = i;
            }
        }
        assertTrue(largest <= LIMIT, "letter " + at + " is " + largest + " bytes");
    }

    @Test
    void aTwoPageLetterForAllSixWorkshopsIsAtMost30KB() {
        Registration everything = SampleLetters.registration("reg-0007", Civility.EXCELLENCE,
                new PersonName("Abdelouafi", "Laftit", "عبد الوافي لفتيت"), "Ministre de l’Intérieur",
                "وزير الداخلية", Category.GOVERNMENT_MEMBER, List.copyOf(SampleLetters.assises().workshopIds()));
        byte[] pdf = RENDERER.render(SampleLetters.letter(everything, "ANRA-2024/0007"));
        assertEquals(2, Pdfs.pages(pdf));
        assertTrue(pdf.length <= LIMIT, pdf.length + " bytes");
    }

    @Test
    void theHarakatLetterIsAtMost30KB() {
        assertTrue(HarakatSample.render().length <= LIMIT, HarakatSample.render().length + " bytes");
    }
}
