package io.convoc.benchmarks;

import com.openhtmltopdf.util.XRLog;
import io.convoc.letters.HtmlLetters;
import io.convoc.letters.LetterRenderer;
import io.convoc.letters.SampleLetters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both renderers of the benchmark produce a PDF of the same letter; the benchmark itself runs with -Pbench. */
class BenchmarkSmokeTest {

    @Test
    void bothRenderersProduceAPdfOfTheSameLetter() {
        XRLog.setLoggingEnabled(false); // openhtmltopdf logs every document at INFO
        var letter = SampleLetters.presidentLetter();
        assertTrue(isPdf(LetterRenderer.shared().render(letter)));
        String html = HtmlLetters.xhtml(letter);
        assertTrue(html.contains("كريم العمراني") && html.contains("Karim El Amrani"), html);
        assertTrue(isPdf(new OpenHtmlToPdfLetters().render(letter)));
    }

    private static boolean isPdf(byte[] bytes) {
        return bytes.length > 1000 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }
}
