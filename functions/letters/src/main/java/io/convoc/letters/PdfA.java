package io.convoc.letters;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

import javax.xml.transform.TransformerException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the document PDF/A-3b, and reproducible: XMP metadata that matches the information dictionary,
 * an sRGB output intent, the document language, and a file identifier derived from the content instead of
 * the clock.
 */
final class PdfA {
    static final String PRODUCER = "convoc-letters (Apache PDFBox 3)";
    private static final String SRGB = SrgbProfile.DESCRIPTION;
    private static final byte[] SRGB_PROFILE = SrgbProfile.build();

    private static final Map<XmpKey, byte[]> XMP_CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<XmpKey, byte[]> eldest) {
            return size() > 64;
        }
    };

    private PdfA() {
    }

    private record XmpKey(List<String> title, String author, List<String> languages, long date, String zone) {
    }

    /**
     * @param title     per language tag, the first one is the default title
     * @param languages the document's languages, the first one is the catalog's /Lang
     * @param date      creation and modification date (the letter's date, never the clock)
     * @return the XMP packet, part of what identifies the document
     */
    static byte[] describe(PDDocument document, List<String[]> title, String author, List<String> languages,
                           Calendar date) {
        // serialising XMP costs as much as a third of a letter, and all letters of one event issued on one
        // day carry the same metadata
        XmpKey key = new XmpKey(title.stream().map(t -> t[0] + "\u0000" + t[1]).toList(), author, languages,
                date.getTimeInMillis(), date.getTimeZone().getID());
        byte[] xmp;
        synchronized (XMP_CACHE) {
            xmp = XMP_CACHE.get(key);
        }
        if (xmp == null) {
            xmp = xmp(title, author, languages, date);
            synchronized (XMP_CACHE) {
                XMP_CACHE.put(key, xmp);
            }
        }
        try {
            COSStream stream = EmbeddedFonts.stream(document.getDocument(), xmp);
            stream.setItem(COSName.TYPE, COSName.METADATA);
            stream.setItem(COSName.SUBTYPE, COSName.getPDFName("XML"));
            PDMetadata metadata = new PDMetadata(stream);
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            catalog.setMetadata(metadata);
            catalog.setLanguage(languages.get(0));

            PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(SRGB_PROFILE));
            // the identifier is the one entry required besides the profile (ISO 32000-1, 14.11.5)
            intent.setOutputConditionIdentifier(SRGB);
            intent.setRegistryName("http://www.color.org");
            catalog.addOutputIntent(intent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // only the dates in the information dictionary (PDF 2.0 deprecates the rest): the title, author and
        // producer are in the XMP, where PDF/A and PDF/UA readers look; PDF/A only asks both to agree
        PDDocumentInformation info = document.getDocumentInformation();
        info.setCreationDate(date);
        info.setModificationDate(date);
        document.setVersion(1.7f);
        return xmp;
    }

    private static byte[] xmp(List<String[]> title, String author, List<String> languages, Calendar date) {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title.get(0)[1]);
        for (String[] t : title) {
            dc.addTitle(t[0], t[1]);
        }
        dc.addCreator(author);
        languages.forEach(dc::addLanguage);
        dc.setFormat("application/pdf");

        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreateDate(date);
        basic.setModifyDate(date);
        basic.setMetadataDate(date);
        basic.setCreatorTool(PRODUCER);

        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);

        PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
        try {
            pdfa.setPart(3);
            pdfa.setConformance("B");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        // XmpSerializer asks JAXP for new factories on every call, and JAXP then scans every jar of the class
        // path for providers: that scan cost more than the rest of the letter. Looking up from the platform
        // class loader finds the JDK's own implementation at once, and the same one whatever XML library
        // (Saxon, say) the application carries, so the bytes do not depend on the class path either.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            new XmpSerializer().serialize(xmp, out, true);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XMP", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return out.toByteArray();
    }

    /** Sets the trailer's /ID to a digest of what the document shows, so that equal letters are equal files. */
    static void identify(PDDocument document, byte[]... content) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (byte[] part : content) {
            sha256.update(part);
        }
        byte[] id = Arrays.copyOf(sha256.digest(), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }
}
