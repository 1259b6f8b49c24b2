package io.convoc.letters;

import io.convoc.core.letters.InvitationLetter;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.convoc.core.event.Language;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The invitation letter as an XHTML page for openhtmltopdf: the same words as {@link LetterRenderer}'s (the same
 * bundles, through {@link LetterContent}), the same fonts, the same two-column arrangement, the QR code as an
 * image. In package io.convoc.letters because it reads the letter's content, which the library keeps to itself;
 * it lives in the benchmark module only.
 */
public final class HtmlLetters {
    private static final ThreadLocal<LetterText[]> TEXTS = ThreadLocal.withInitial(
            () -> new LetterText[] {new LetterText(Language.FR), new LetterText(Language.AR)});

    private static final String STYLE = """
            @page { size: A4; margin: 32pt 42pt 28pt 42pt; }
            body { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Tifinagh'; font-size: 9pt;
                   line-height: 12.2pt; margin: 0; }
            table { width: 100%; border-collapse: collapse; }
            td { vertical-align: top; padding: 0 0 4pt 0; }
            td.fr { width: 50%; padding-right: 12pt; text-align: justify; }
            td.ar { width: 50%; padding-left: 12pt; direction: rtl; text-align: justify;
                    font-family: 'Noto Naskh Arabic', 'Noto Sans'; font-size: 10.5pt; line-height: 14.8pt; }
            .head td { text-align: center; }
            td.tfng { font-family: 'Noto Sans Tifinagh'; text-align: center; width: 112pt; }
            .b { font-weight: bold; }
            td.c { text-align: center; }
            .event { background: #f0f0f0; }
            .small { font-size: 7.5pt; color: #404040; }
            td.time { width: 82pt; text-align: center; white-space: nowrap; }
            tr.session td { border-bottom: 0.25pt solid #bfbfbf; }
            .rule { border-bottom: 0.6pt solid #8c8c8c; }
            img.qr { width: 56pt; height: 56pt; }
            """;

    private HtmlLetters() {
    }

    /** The letter as a well-formed XHTML document. */
    public static String xhtml(InvitationLetter letter) {
        LetterText[] texts = TEXTS.get();
        LetterContent content = LetterContent.of(letter, texts[0], texts[1]);
        LetterContent.Side f = content.fr();
        LetterContent.Side a = content.ar();
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fr\">")
                .append("<head><title>").append(esc(f.eventName())).append("</title><style>").append(STYLE)
                .append("</style></head><body>");

        h.append("<table class=\"head rule\"><tr><td class=\"fr\"><div class=\"b\">").append(esc(f.kingdom()))
                .append("</div>");
        f.organizers().forEach(o -> h.append("<div>").append(esc(o)).append("</div>"));
        h.append("</td><td class=\"tfng\">").append(esc(content.tifinagh())).append("</td><td class=\"ar\" dir=\"rtl\">")
                .append("<div class=\"b\">").append(esc(a.kingdom())).append("</div>");
        a.organizers().forEach(o -> h.append("<div>").append(esc(o)).append("</div>"));
        h.append("</td></tr></table><table>");

        row(h, List.of(b(f.reference()), p(f.placeAndDate())), List.of(b(a.reference()), p(a.placeAndDate())));
        row(h, List.of(b(f.addressee()), p(f.title())), List.of(b(a.addressee()), p(a.title())));
        row(h, List.of(b(f.subject())), List.of(b(a.subject())));
        row(h, List.of(p(f.salutation()), p(f.body())), List.of(p(a.salutation()), p(a.body())));
        h.append("<tr class=\"event\"><td class=\"fr c\">");
        for (String s : List.of(f.patronage(), f.eventName(), f.theme(), f.placeAndDates(), f.venue())) {
            h.append("<div>").append(esc(s)).append("</div>");
        }
        h.append("</td><td class=\"ar c\" dir=\"rtl\">");
        for (String s : List.of(a.patronage(), a.eventName(), a.theme(), a.placeAndDates(), a.venue())) {
            h.append("<div>").append(esc(s)).append("</div>");
        }
        h.append("</td></tr></table>");

        h.append("<table><tr><td class=\"fr b\" colspan=\"2\">").append(esc(f.programmeIntro()))
                .append("</td><td class=\"ar b\" dir=\"rtl\">").append(esc(a.programmeIntro())).append("</td></tr>");
        for (LetterContent.Day day : content.days()) {
            h.append("<tr class=\"rule\"><td class=\"fr b\" colspan=\"2\">").append(esc(day.fr()))
                    .append("</td><td class=\"ar b\" dir=\"rtl\">").append(esc(day.ar())).append("</td></tr>");
            for (LetterContent.Session s : day.sessions()) {
                h.append("<tr class=\"session\"><td class=\"fr\">").append(esc(s.fr())).append("<div class=\"small\">")
                        .append(esc(s.roomFr())).append("</div></td><td class=\"time\">").append(esc(s.time()))
                        .append("</td><td class=\"ar\" dir=\"rtl\">").append(esc(s.ar())).append("<div class=\"small\">")
                        .append(esc(s.roomAr())).append("</div></td></tr>");
            }
        }
        h.append("</table><table>");
        row(h, List.of(b(f.practicalTitle()), p(f.practicalInformation())),
                List.of(b(a.practicalTitle()), p(a.practicalInformation())));
        row(h, List.of(p(f.closing())), List.of(p(a.closing())));
        h.append("<tr><td class=\"fr b c\">").append(esc(f.signatory())).append("</td><td class=\"ar b c\" dir=\"rtl\">")
                .append(esc(a.signatory())).append("</td></tr></table>");

        h.append("<table style=\"margin-top: 30pt; border-top: 0.5pt solid #8c8c8c\"><tr><td class=\"fr small\">");
        for (String s : List.of(f.footerVerify(), f.footerReference(), f.footerCategory())) {
            h.append("<div>").append(esc(s)).append("</div>");
        }
        h.append("</td><td style=\"width: 70pt\"><img class=\"qr\" alt=\"QR\" src=\"data:image/png;base64,")
                .append(qrPng(letter.qrPayload())).append("\"/></td><td class=\"ar small\" dir=\"rtl\">");
        for (String s : List.of(a.footerVerify(), a.footerReference(), a.footerCategory())) {
            h.append("<div>").append(esc(s)).append("</div>");
        }
        h.append("</td></tr></table></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, List<String> french, List<String> arabic) {
        h.append("<tr><td class=\"fr\">");
        french.forEach(h::append);
        h.append("</td><td class=\"ar\" dir=\"rtl\">");
        arabic.forEach(h::append);
        h.append("</td></tr>");
    }

    private static String b(String text) {
        return text.isBlank() ? "" : "<div class=\"b\">" + esc(text) + "</div>";
    }

    private static String p(String text) {
        return text.isBlank() ? "" : "<div>" + esc(text) + "</div>";
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The QR code as a PNG data URI (openhtmltopdf draws SVG only with another module). */
    private static String qrPng(String payload) {
        try {
            ByteMatrix m = Encoder.encode(payload, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
            int scale = 4;
            BufferedImage image = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale,
                    BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, m.get(x / scale, y / scale) == 1 ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
