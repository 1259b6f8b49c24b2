package io.convoc.letters;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A QR code, drawn as an image mask of its modules. */
final class QrCode {
    private final ByteMatrix matrix;

    private QrCode(ByteMatrix matrix) {
        this.matrix = matrix;
    }

    static QrCode encode(String payload) {
        // level M survives a fold or a smudge on a printed letter; UTF-8 is declared only when needed,
        // since an ECI header makes the code larger and some old readers ignore it
        Map<EncodeHintType, Object> hints = StandardCharsets.US_ASCII.newEncoder().canEncode(payload)
                ? Map.of()
                : Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        try {
            return new QrCode(Encoder.encode(payload, ErrorCorrectionLevel.M, hints).getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode the QR payload (" + payload.length() + " chars)", e);
        }
    }

    /** The resource name of the code's image on the page. */
    static final String RESOURCE = "QR";

    /**
     * Draws the code's image (an image mask {@link #image}, one sample a module, black) in the square whose
     * lower-left corner is (x, y); the page's resources name it {@link #RESOURCE}.
     */
    void draw(ContentWriter out, float x, float y, float size) {
        out.save();
        out.fillColor(0);
        out.transform(size, size, x, y);
        out.paintXObject(RESOURCE);
        out.restore();
    }

    /**
     * The code as an image mask, one bit a module, 0 for a dark one (painted in the fill colour), rows padded with
     * light bits: some 150 bytes, shared by the letter's pages, where a rectangle per run of dark
     * modules took 900 bytes of each page's content. Not interpolated (PDF/A forbids it), so the modules stay
     * square and sharp at any resolution.
     */
    COSStream image(COSDocument document) {
        int n = matrix.getWidth();
        // not compressed: deflate makes these few bytes longer
        COSStream image = document.createCOSStream();
        try (OutputStream out = image.createRawOutputStream()) {
            out.write(mask());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        image.setItem(COSName.TYPE, COSName.XOBJECT);
        image.setItem(COSName.SUBTYPE, COSName.IMAGE);
        image.setInt(COSName.WIDTH, n);
        image.setInt(COSName.HEIGHT, n);
        image.setBoolean(COSName.IMAGE_MASK, true);
        return image;
    }

    /** The samples of {@link #image}: a row of bits a row of modules, 0 for dark, rows padded with 1. */
    byte[] mask() {
        int n = matrix.getWidth();
        int rowBytes = (n + 7) / 8;
        byte[] bits = new byte[rowBytes * n];
        Arrays.fill(bits, (byte) 0xFF);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                if (matrix.get(col, row) == 1) {
                    bits[row * rowBytes + col / 8] &= (byte) ~(0x80 >> (col % 8));
                }
            }
        }
        return bits;
    }
}
