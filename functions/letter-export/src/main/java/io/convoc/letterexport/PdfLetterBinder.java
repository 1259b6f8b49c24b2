package io.convoc.letterexport;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.ports.LetterBinder;
import io.convoc.letters.ExportCover;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.multipdf.PDFCloneUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;

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
 * Binds letters with PDFBox, keeping memory flat whatever their number.
 *
 * <ul>
 *   <li>While letters are added, their bytes go to a temporary file (Lambda's {@code /tmp}); only where each starts,
 *   its length, page count and cover line stay in memory.</li>
 *   <li>When written, the bound document's streams (every page's content, fonts, ToUnicode maps) live in PDFBox's
 *   temporary-file stream cache ({@link MemoryUsageSetting#setupTempFileOnly()}): each letter is read back from the
 *   file, parsed, its pages' content and resources copied into the bound document, and closed before the next one.
 *   What stays in memory is the bound document's small objects (dictionaries, arrays), a few kilobytes a letter.</li>
 *   <li>The bound document is saved into the stream it is given, which the caller sends on in parts.</li>
 * </ul>
 * Pages are copied with their media box, resources and content only: a letter's annotations, structure or metadata
 * are not part of a print file.
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
            MemoryUsageSetting tempFiles = MemoryUsageSetting.setupTempFileOnly().setTempDir(tempDir.toFile());
            try (PDDocument bound = new PDDocument(tempFiles.streamCache)) {
                int pages = append(bound, coverPdf);
                for (Kept k : kept) {
                    pages += append(bound, read(k));
                }
                describe(bound);
                bound.save(out);
                return new Bound(pages, sheet.pages(), kept.size());
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

        private void describe(PDDocument bound) {
            PDDocumentInformation info = bound.getDocumentInformation();
            info.setTitle(programme.event().name().fr() + " – " + programme.event().name().ar());
            info.setProducer("convoc-letters (Apache PDFBox 3)");
            Calendar date = new GregorianCalendar(TimeZone.getTimeZone(programme.event().zone()));
            date.setTimeInMillis(at.toEpochMilli());
            info.setCreationDate(date);
            bound.getDocumentCatalog().setLanguage("fr");
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

    /** Copies the pages of a PDF at the end of {@code bound}; returns how many. */
    static int append(PDDocument bound, byte[] pdf) throws IOException {
        try (PDDocument source = Loader.loadPDF(pdf)) {
            // one cloner per source: it remembers what it copied, which would otherwise keep every letter in memory
            Cloner cloner = new Cloner(bound);
            int pages = 0;
            for (PDPage page : source.getPages()) {
                COSDictionary copy = new COSDictionary();
                copy.setItem(COSName.TYPE, COSName.PAGE);
                copy.setItem(COSName.MEDIA_BOX, cloner.cloneForNewDocument(page.getMediaBox().getCOSArray()));
                if (page.getCropBox() != null && page.getCOSObject().containsKey(COSName.CROP_BOX)) {
                    copy.setItem(COSName.CROP_BOX, cloner.cloneForNewDocument(page.getCropBox().getCOSArray()));
                }
                if (page.getRotation() != 0) {
                    copy.setInt(COSName.ROTATE, page.getRotation());
                }
                // inherited from the page tree when the page has none of its own
                copy.setItem(COSName.RESOURCES, cloner.cloneForNewDocument(page.getResources().getCOSObject()));
                COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
                if (contents != null) {
                    copy.setItem(COSName.CONTENTS, cloner.cloneForNewDocument(contents));
                }
                bound.addPage(new PDPage(copy));
                pages++;
            }
            return pages;
        }
    }

    /** PDFBox's deep copy between documents (its constructor is protected). */
    private static final class Cloner extends PDFCloneUtility {
        Cloner(PDDocument destination) {
            super(destination);
        }
    }
}
