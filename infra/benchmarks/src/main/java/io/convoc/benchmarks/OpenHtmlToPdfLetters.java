package io.convoc.benchmarks;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.bidi.support.ICUBreakers;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.convoc.letters.HtmlLetters;
import io.convoc.core.letters.InvitationLetter;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The same letter through openhtmltopdf, set up as its documentation recommends for Arabic: ICU bidi splitter and
 * reorderer (which shapes), ICU line breaking, the same five fonts (read from memory, subset), the font metrics
 * cache shared across documents, PDF/A-3b with the JDK's sRGB profile (6.9 KB; the letters carry a
 * 0.5 KB one that describes the same colours, {@code SrgbProfile}). Thread-safe: a builder per document.
 */
final class OpenHtmlToPdfLetters {
    private static final String FONTS = "/io/convoc/letters/fonts/";
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private final Map<String, byte[]> fonts = new LinkedHashMap<>();
    private final FSDefaultCacheStore metrics = new FSDefaultCacheStore();

    OpenHtmlToPdfLetters() {
        fonts.put("NotoSans-Regular.ttf", read("NotoSans-Regular.ttf"));
        fonts.put("NotoSans-Bold.ttf", read("NotoSans-Bold.ttf"));
        fonts.put("NotoNaskhArabic-Regular.ttf", read("NotoNaskhArabic-Regular.ttf"));
        fonts.put("NotoNaskhArabic-Bold.ttf", read("NotoNaskhArabic-Bold.ttf"));
        fonts.put("NotoSansTifinagh-Regular.ttf", read("NotoSansTifinagh-Regular.ttf"));
    }

    byte[] render(InvitationLetter letter) {
        String html = HtmlLetters.xhtml(letter);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.useUnicodeLineBreaker(new ICUBreakers.ICULineBreaker(Locale.FRENCH));
        builder.defaultTextDirection(BaseRendererBuilder.TextDirection.LTR);
        font(builder, "NotoSans-Regular.ttf", "Noto Sans", 400);
        font(builder, "NotoSans-Bold.ttf", "Noto Sans", 700);
        font(builder, "NotoNaskhArabic-Regular.ttf", "Noto Naskh Arabic", 400);
        font(builder, "NotoNaskhArabic-Bold.ttf", "Noto Naskh Arabic", 700);
        font(builder, "NotoSansTifinagh-Regular.ttf", "Noto Sans Tifinagh", 400);
        builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics);
        builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B);
        builder.useColorProfile(SRGB);
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void font(PdfRendererBuilder builder, String file, String family, int weight) {
        byte[] bytes = fonts.get(file);
        builder.useFont(() -> new ByteArrayInputStream(bytes), family, weight,
                BaseRendererBuilder.FontStyle.NORMAL, true);
    }

    private static byte[] read(String file) {
        try (InputStream in = OpenHtmlToPdfLetters.class.getResourceAsStream(FONTS + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
