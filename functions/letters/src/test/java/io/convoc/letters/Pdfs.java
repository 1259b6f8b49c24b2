package io.convoc.letters;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading back a rendered letter: its text, its pages, its QR code, its PDF/A conformance. */
final class Pdfs {
    private Pdfs() {
    }

    /** The text as PDFBox extracts it, Arabic in logical order; no-break spaces read as spaces. */
    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00A0', ' ').replace('\u202F', ' ');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the first page and decodes the QR code found on it. */
    static String qrCode(byte[] pdf) throws Exception {
        BufferedImage image;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return result.getText();
    }

    /** veraPDF's PDF/A-3b verdict; the failed rules when not compliant. */
    static Verdict pdfA3b(byte[] pdf) throws Exception {
        return verdict(pdf, PDFAFlavour.PDFA_3_B);
    }

    /** veraPDF's PDF/A-3a verdict (tagged, Unicode text). */
    static Verdict pdfA3a(byte[] pdf) throws Exception {
        return verdict(pdf, PDFAFlavour.PDFA_3_A);
    }

    /** veraPDF's PDF/UA-1 verdict (its machine-checkable rules). */
    static Verdict pdfUa1(byte[] pdf) throws Exception {
        return verdict(pdf, PDFAFlavour.PDFUA_1);
    }

    private static Verdict verdict(byte[] pdf, PDFAFlavour flavour) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
            ValidationResult result = validator.validate(parser);
            String failures = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " "
                            + a.getMessage())
                    .distinct()
                    .collect(Collectors.joining("\n"));
            return new Verdict(result.isCompliant(), failures);
        }
    }

    record Verdict(boolean compliant, String failures) {
    }

    /**
     * The text as poppler's {@code pdftotext} extracts it, null when poppler-utils is not installed. poppler wraps
     * right-to-left stretches in RLE…PDF: dropped here, as are the invisible marks (LRM, RLM) of the letters' ActualText
     * (see {@code ActualText}), when {@code withoutMarks}.
     */
    static String pdftotext(byte[] pdf, boolean withoutMarks) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/pdftotext"))) {
            return null;
        }
        Path file = Files.createTempFile("letter", ".pdf");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("pdftotext failed: " + out);
            }
            out = out.replace("\u202B", "").replace("\u202C", "");
            return withoutMarks ? out.replace("\u200E", "").replace("\u200F", "") : out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
