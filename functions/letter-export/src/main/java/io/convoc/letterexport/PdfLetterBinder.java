package io.convoc.letterexport;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.ports.LetterBinder;
import io.convoc.letters.ExportCover;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Binds letters into one PDF, keeping memory flat whatever their number.
 *
 * <ul>
 *   <li>While letters are added, their bytes go to a temporary file (Lambda's {@code /tmp}); only where each starts,
 *   its length, page count and cover line stay in memory.</li>
 *   <li>The cover is laid out once all letters are known (it lists the page where each one starts), then drawn.</li>
 *   <li>The file is written as it goes by {@link BoundPdfWriter}: the cover, then each letter read back from the
 *   temporary file, parsed with PDFBox, its pages and what they use written out, and closed before the next one.
 *   Nothing of a letter stays in memory once it is written; the caller sends the stream on in parts.</li>
 * </ul>
 */
public final class PdfLetterBinder implements LetterBinder {
    private final ExportCover cover;
    private final Path tempDir;

    public PdfLetterBinder(ExportCover cover, Path tempDir) {
        this.cover = cover;
        this.tempDir = tempDir;
    }

    @Override
    public Binding open(Programme programme, LetterSelection selection, Instant at) {
        return new FileBinding(programme, selection, at);
    }

    private record Kept(Entry entry, long offset, int length, int pages) {
    }

    private final class FileBinding implements Binding {
        private final Programme programme;
        private final LetterSelection selection;
        private final Instant at;
        private final Path file;
        private final FileChannel channel;
        private final List<Kept> kept = new ArrayList<>();
        private long end;
        private int letterPages;

        FileBinding(Programme programme, LetterSelection selection, Instant at) {
            this.programme = programme;
            this.selection = selection;
            this.at = at;
            try {
                this.file = Files.createTempFile(tempDir, "export-", ".letters");
                this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the letters in " + tempDir, e);
            }
        }

        @Override
        public int add(Entry entry, byte[] pdf) {
            int pages;
            try (PDDocument letter = Loader.loadPDF(pdf)) {
                pages = letter.getNumberOfPages();
            } catch (IOException e) {
                throw new IllegalArgumentException("letter " + entry.reference() + " is not a readable PDF", e);
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(pdf);
                long position = end;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep letter " + entry.reference(), e);
            }
            kept.add(new Kept(entry, end, pdf.length, pages));
            end += pdf.length;
            letterPages += pages;
            return pages;
        }

        @Override
        public Bound writeTo(OutputStream out) {
            List<ExportCover.Line> lines = kept.stream()
                    .map(k -> new ExportCover.Line(k.entry().reference(), k.entry().name(), k.entry().category()))
                    .toList();
            ExportCover.Sheet sheet = cover.layout(programme, selection, at, lines, letterPages);
            int[] firstPages = new int[kept.size()];
            int next = sheet.pages() + 1;
            for (int i = 0; i < kept.size(); i++) {
                firstPages[i] = next;
                next += kept.get(i).pages();
            }
            byte[] coverPdf = sheet.render(firstPages);
            try {
                BoundPdfWriter writer = new BoundPdfWriter(out);
                append(writer, coverPdf, "the cover");
                for (Kept k : kept) {
                    append(writer, read(k), k.entry().reference());
                }
                Calendar date = new GregorianCalendar(TimeZone.getTimeZone(programme.event().zone()));
                date.setTimeInMillis(at.toEpochMilli());
                writer.finish(programme.event().name().fr() + " – " + programme.event().name().ar(),
                        "convoc-letters (Apache PDFBox 3)", date, "fr");
                return new Bound(writer.pageCount(), sheet.pages(), kept.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the letters", e);
            }
        }

        private byte[] read(Kept k) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(k.length());
            long position = k.offset();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("letter " + k.entry().reference() + " is cut short");
                }
                position += n;
            }
            return buffer.array();
        }

        @Override
        public void close() {
            try {
                channel.close(); // deletes the file
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // DELETE_ON_CLOSE did it, or /tmp is cleaned with the execution environment
                }
            }
        }
    }

    /** Appends the pages of one document, read from its bytes and closed at once. */
    private static void append(BoundPdfWriter writer, byte[] pdf, String what) throws IOException {
        try (PDDocument source = Loader.loadPDF(pdf)) {
            writer.append(source);
        } catch (IOException e) {
            throw new IOException("cannot bind " + what, e);
        }
    }
}
