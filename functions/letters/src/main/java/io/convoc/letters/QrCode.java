package io.convoc.letters;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A QR code drawn as vector rectangles: sharp at any print resolution, and a few hundred bytes. */
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

    /** Writes the dark modules as rectangles in the square whose lower-left corner is (x, y). */
    void draw(ContentWriter out, float x, float y, float size) {
        int n = matrix.getWidth();
        // in module units (one module = 1, origin at the top-left corner, y downwards): small integers only
        out.save();
        float module = size / n;
        out.transform(module, -module, x, y + size);
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (matrix.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && matrix.get(col, row) == 1) {
                    col++;
                }
                // one rectangle per run of dark modules
                out.rect(start, row, col - start, 1);
            }
        }
        out.fill(0);
        out.restore();
    }
}
