package io.convoc.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What poppler's {@code pdftotext} (installed by {@code .ci/run}) reads: the letters, not their presentation forms
 * (ToUnicode maps each shaped glyph to its letter). Mixed Arabic/Latin lines and dates still come out in poppler's
 * visual run order: issue 13, item 4 (tagging and ActualText), is not done.
 */
class PopplerTextTest {
    private static String text;

    @BeforeAll
    static void extract() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")), "poppler-utils not installed");
        Registration arabicOnly = SampleLetters.registration("reg-0202", Civility.MONSIEUR,
                new PersonName("", "", "إدريس الحسني"), "", "", Category.PRESS, List.of());
        byte[] pdf = LetterRenderer.shared().render(SampleLetters.letter(arabicOnly, "ANRA-2024/0202"));
        text = pdftotext(pdf);
    }

    private static String pdftotext(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("letter", ".pdf");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out);
            // poppler wraps right-to-left lines in RLE…PDF
            return out.replace("\u202B", "").replace("\u202C", "");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void arabicComesOutAsLettersNotPresentationForms() {
        assertFalse(text.chars().anyMatch(c -> c >= 0xFE80 && c <= 0xFEF4), text); // no shaped letter forms
        assertTrue(text.contains("المملكة المغربية"), text);
        assertTrue(text.contains("السيد إدريس الحسني المحترم"), text);
        assertTrue(text.contains("الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"), text);
    }
}
