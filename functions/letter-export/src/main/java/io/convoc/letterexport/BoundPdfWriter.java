package io.convoc.letterexport;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.util.DateConverter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes one PDF made of the pages of many documents, as it goes: each document's pages and what they use (content,
 * resources, fonts) are written out when it is appended, and nothing of it is kept but the offsets of its objects and
 * the numbers of its pages. Memory stays the same whether the file binds twenty letters or twenty thousand.
 *
 * <p>The file: the objects of each appended document (its streams as they are, already compressed; its other objects
 * packed into one compressed object stream), then the page tree (every page under one node), the catalog and the
 * document information, and a cross-reference stream (PDF 1.5+). Pages keep their media box, crop box, rotation,
 * resources and content; annotations, structure and metadata of the documents are not part of a print file.
 *
 * <p>Not thread-safe; one file per instance.
 */
final class BoundPdfWriter {
    private static final byte[] SPACE = {' '};
    private static final int CATALOG = 1;
    private static final int PAGES = 2;
    private static final int INFO = 3;

    private final Counting out;
    private final MessageDigest digest;
    // per object number (index = number): 1 = at an offset, 2 = inside an object stream
    private byte[] types = new byte[1024];
    private long[] offsets = new long[1024];
    private int[] indexes = new int[1024];
    private int count = INFO; // the numbers of the catalog, the page tree and the information are kept
    private int[] pages = new int[256];
    private int pageCount;

    BoundPdfWriter(OutputStream target) throws IOException {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.out = new Counting(target, digest);
        // a binary comment after the header, so that transfer programs treat the file as binary
        out.write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    int pageCount() {
        return pageCount;
    }

    /** Appends the pages of {@code source}; returns how many. */
    int append(PDDocument source) throws IOException {
        Batch batch = new Batch();
        int appended = 0;
        for (PDPage page : source.getPages()) {
            COSDictionary dictionary = page.getCOSObject();
            COSDictionary copy = new COSDictionary();
            copy.setItem(COSName.TYPE, COSName.PAGE);
            copy.setItem(COSName.MEDIA_BOX, page.getMediaBox().getCOSArray());
            if (dictionary.containsKey(COSName.CROP_BOX)) {
                copy.setItem(COSName.CROP_BOX, dictionary.getItem(COSName.CROP_BOX));
            }
            if (page.getRotation() != 0) {
                copy.setInt(COSName.ROTATE, page.getRotation());
            }
            // the page's own resources, or those it inherits from the page tree
            COSBase resources = dictionary.getItem(COSName.RESOURCES);
            copy.setItem(COSName.RESOURCES, resources != null ? resources : page.getResources().getCOSObject());
            if (dictionary.containsKey(COSName.CONTENTS)) {
                copy.setItem(COSName.CONTENTS, dictionary.getItem(COSName.CONTENTS));
            }
            int number = batch.numberOf(copy);
            batch.pages.put(copy, Boolean.TRUE);
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount++] = number;
            appended++;
        }
        batch.write();
        return appended;
    }

    /**
     * Writes the page tree, the catalog, the information and the cross-reference stream. The stream given to the
     * constructor is flushed, not closed.
     */
    void finish(String title, String producer, Calendar created, String language) throws IOException {
        ByteArrayOutputStream kids = new ByteArrayOutputStream(pageCount * 9 + 64);
        kids.write("<< /Type /Pages /Count ".getBytes(StandardCharsets.US_ASCII));
        kids.write(String.valueOf(pageCount).getBytes(StandardCharsets.US_ASCII));
        kids.write(" /Kids [".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < pageCount; i++) {
            kids.write((pages[i] + " 0 R ").getBytes(StandardCharsets.US_ASCII));
        }
        kids.write("] >>".getBytes(StandardCharsets.US_ASCII));
        writeObject(PAGES, kids.toByteArray());

        ByteArrayOutputStream catalog = new ByteArrayOutputStream();
        catalog.write(("<< /Type /Catalog /Pages " + PAGES + " 0 R /Lang ").getBytes(StandardCharsets.US_ASCII));
        COSWriter.writeString(new COSString(language), catalog);
        catalog.write(" >>".getBytes(StandardCharsets.US_ASCII));
        writeObject(CATALOG, catalog.toByteArray());

        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write("<< /Title ".getBytes(StandardCharsets.US_ASCII));
        COSWriter.writeString(new COSString(title), info);
        info.write(" /Producer ".getBytes(StandardCharsets.US_ASCII));
        COSWriter.writeString(new COSString(producer), info);
        info.write(" /CreationDate ".getBytes(StandardCharsets.US_ASCII));
        COSWriter.writeString(new COSString(DateConverter.toString(created)), info);
        info.write(" >>".getBytes(StandardCharsets.US_ASCII));
        writeObject(INFO, info.toByteArray());

        // the cross-reference stream: one row per object, type (1 byte), offset or object stream (4), index (2)
        int xref = allocate();
        setEntry(xref, (byte) 1, out.count(), 0);
        int size = count + 1;
        ByteArrayOutputStream rows = new ByteArrayOutputStream(size * 7);
        for (int n = 0; n < size; n++) {
            byte type = n == 0 ? 0 : types[n];
            long field2 = n == 0 ? 0 : offsets[n];
            int field3 = n == 0 ? 65535 : indexes[n];
            rows.write(type);
            rows.write((int) (field2 >>> 24));
            rows.write((int) (field2 >>> 16));
            rows.write((int) (field2 >>> 8));
            rows.write((int) field2);
            rows.write(field3 >>> 8);
            rows.write(field3);
        }
        if (offsets[xref] > 0xFFFFFFFFL) {
            throw new IOException("file too large for 4-byte offsets");
        }
        out.flush(); // every byte so far in the digest
        byte[] id = Arrays.copyOf(digest.digest(), 16);
        byte[] data = deflate(rows.toByteArray());
        StringBuilder dict = new StringBuilder("<< /Type /XRef /Size ").append(size)
                .append(" /W [1 4 2] /Root ").append(CATALOG).append(" 0 R /Info ").append(INFO)
                .append(" 0 R /ID [<").append(hex(id)).append("> <").append(hex(id)).append(">]")
                .append(" /Filter /FlateDecode /Length ").append(data.length).append(" >>");
        long start = out.count();
        out.write((xref + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
        out.write(dict.toString().getBytes(StandardCharsets.US_ASCII));
        out.write("\nstream\n".getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        out.write(("startxref\n" + start + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // ---- objects

    private int allocate() {
        count++;
        if (count >= types.length) {
            int size = types.length * 2;
            types = Arrays.copyOf(types, size);
            offsets = Arrays.copyOf(offsets, size);
            indexes = Arrays.copyOf(indexes, size);
        }
        return count;
    }

    private void setEntry(int number, byte type, long field2, int field3) {
        types[number] = type;
        offsets[number] = field2;
        indexes[number] = field3;
    }

    private void writeObject(int number, byte[] body) throws IOException {
        setEntry(number, (byte) 1, out.count(), 0);
        out.write((number + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write("\nendobj\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The objects of one appended document: numbered as they are reached from its pages, streams written as they
     * come, the others gathered in one object stream written at the end.
     */
    private final class Batch {
        private final Map<COSBase, Integer> numbers = new IdentityHashMap<>();
        private final Map<COSBase, Boolean> pages = new IdentityHashMap<>();
        private final Deque<COSBase> pending = new ArrayDeque<>();
        private final ByteArrayOutputStream packed = new ByteArrayOutputStream(16 * 1024);
        private final StringBuilder packedIndex = new StringBuilder();
        private final java.util.List<Integer> packedNumbers = new java.util.ArrayList<>();

        int numberOf(COSBase object) {
            Integer number = numbers.get(object);
            if (number == null) {
                number = allocate();
                numbers.put(object, number);
                pending.add(object);
            }
            return number;
        }

        void write() throws IOException {
            while (!pending.isEmpty()) {
                COSBase object = pending.poll();
                int number = numbers.get(object);
                if (object instanceof COSStream stream) {
                    writeStream(number, stream);
                } else {
                    packedIndex.append(number).append(' ').append(packed.size()).append(' ');
                    if (pages.containsKey(object)) {
                        writePage((COSDictionary) object, packed);
                    } else {
                        value(object, packed);
                    }
                    packed.write('\n');
                    packedNumbers.add(number);
                }
            }
            if (packedNumbers.isEmpty()) {
                return;
            }
            byte[] index = packedIndex.toString().getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream content = new ByteArrayOutputStream(index.length + packed.size());
            content.write(index);
            packed.writeTo(content);
            byte[] data = deflate(content.toByteArray());
            int objectStream = allocate();
            setEntry(objectStream, (byte) 1, out.count(), 0);
            out.write((objectStream + " 0 obj\n<< /Type /ObjStm /N " + packedNumbers.size() + " /First "
                    + index.length + " /Filter /FlateDecode /Length " + data.length + " >>\nstream\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < packedNumbers.size(); i++) {
                setEntry(packedNumbers.get(i), (byte) 2, objectStream, i);
            }
        }

        private void writePage(COSDictionary page, OutputStream to) throws IOException {
            to.write(("<< /Parent " + PAGES + " 0 R").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<COSName, COSBase> e : page.entrySet()) {
                to.write(SPACE);
                e.getKey().writePDF(to);
                to.write(SPACE);
                value(e.getValue(), to);
            }
            to.write(" >>".getBytes(StandardCharsets.US_ASCII));
        }

        /** A stream as it is (its filters kept), with the length of its encoded data. */
        private void writeStream(int number, COSStream stream) throws IOException {
            byte[] data;
            try (InputStream raw = stream.createRawInputStream()) {
                data = raw.readAllBytes();
            }
            setEntry(number, (byte) 1, out.count(), 0);
            out.write((number + " 0 obj\n<<").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<COSName, COSBase> e : stream.entrySet()) {
                if (e.getKey().equals(COSName.LENGTH)) {
                    continue;
                }
                out.write(SPACE);
                e.getKey().writePDF(out);
                out.write(SPACE);
                value(e.getValue(), out);
            }
            out.write((" /Length " + data.length + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        }

        /** A value written where it is used: indirect objects (and every stream) by reference. */
        private void value(COSBase value, OutputStream to) throws IOException {
            if (value instanceof COSObject reference) {
                COSBase target = reference.getObject();
                if (target == null || target instanceof COSNull) {
                    COSNull.NULL.writePDF(to);
                } else {
                    to.write((numberOf(target) + " 0 R").getBytes(StandardCharsets.US_ASCII));
                }
            } else if (value instanceof COSStream stream) {
                to.write((numberOf(stream) + " 0 R").getBytes(StandardCharsets.US_ASCII));
            } else if (value instanceof COSDictionary dictionary) {
                to.write("<<".getBytes(StandardCharsets.US_ASCII));
                for (Map.Entry<COSName, COSBase> e : dictionary.entrySet()) {
                    to.write(SPACE);
                    e.getKey().writePDF(to);
                    to.write(SPACE);
                    value(e.getValue(), to);
                }
                to.write(" >>".getBytes(StandardCharsets.US_ASCII));
            } else if (value instanceof COSArray array) {
                to.write('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        to.write(SPACE);
                    }
                    value(array.get(i), to);
                }
                to.write(']');
            } else if (value instanceof COSString string) {
                COSWriter.writeString(string, to);
            } else if (value instanceof COSName name) {
                name.writePDF(to);
            } else if (value instanceof COSInteger integer) {
                integer.writePDF(to);
            } else if (value instanceof COSFloat number) {
                number.writePDF(to);
            } else if (value instanceof COSBoolean bool) {
                bool.writePDF(to);
            } else if (value == null || value instanceof COSNull) {
                COSNull.NULL.writePDF(to);
            } else {
                throw new IOException("cannot write " + value.getClass().getSimpleName());
            }
        }
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(data.length / 3 + 64);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater)) {
            z.write(data);
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Counts what is written (offsets of the cross-reference) and digests it (the file identifier). */
    private static final class Counting extends OutputStream {
        private final OutputStream target;
        private final MessageDigest digest;
        private final byte[] buffer = new byte[64 * 1024];
        private int filled;
        private long count;

        Counting(OutputStream target, MessageDigest digest) {
            this.target = target;
            this.digest = digest;
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            if (filled == buffer.length) {
                drain();
            }
            buffer[filled++] = (byte) b;
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= buffer.length) {
                drain();
                digest.update(b, off, len);
                target.write(b, off, len);
            } else {
                if (filled + len > buffer.length) {
                    drain();
                }
                System.arraycopy(b, off, buffer, filled, len);
                filled += len;
            }
            count += len;
        }

        private void drain() throws IOException {
            if (filled > 0) {
                digest.update(buffer, 0, filled);
                target.write(buffer, 0, filled);
                filled = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            target.flush();
        }
    }
}
