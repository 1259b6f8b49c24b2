package io.convoc.letters;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.DateConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the document PDF/A-3a and PDF/UA-1 in its metadata, and reproducible: the XMP packet (title, author,
 * date, the PDF/A and PDF/UA identifications), an sRGB output intent, the document language, and a file identifier
 * derived from the content instead of the clock. The structure that level A and PDF/UA ask for is {@link Structure}.
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
     * @param date      creation date (the letter's date, never the clock)
     * @return the XMP packet, part of what identifies the document
     */
    static byte[] describe(PDDocument document, List<String[]> title, String author, List<String> languages,
                           Calendar date) {
        // all letters of one event issued on one day carry the same metadata: written once
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

        // no information dictionary (PDF 2.0 deprecates it): title, author, producer and dates are in the XMP, where
        // PDF/A and PDF/UA readers look. The version in the header only (object streams need 1.5): the catalog's
        // /Version, which PDFBox sets to 1.4, is for updating a file's version without rewriting its header
        document.getDocument().setVersion(1.7f);
        document.getDocumentCatalog().getCOSObject().removeItem(COSName.VERSION);
        return xmp;
    }

    /**
     * The XMP packet, written out rather than through xmpbox's serialiser: properties as attributes of one
     * description, no indentation, no padding (the letter is never edited in place), so it costs a third of the
     * bytes; and no JAXP lookup at all (xmpbox asks JAXP for new factories on every call, and JAXP scans the class
     * path for providers).
     */
    private static byte[] xmp(List<String[]> title, String author, List<String> languages, Calendar date) {
        String when = DateConverter.toISO8601(date);
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">")
                .append("<rdf:Description rdf:about=\"\"")
                .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
                .append(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
                .append(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
                .append(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
                .append(" xmp:CreateDate=\"").append(when).append('"')
                .append(" pdf:Producer=\"").append(PRODUCER).append('"')
                // PDF/A-3a: tagged, with Unicode text; PDF/UA-1
                .append(" pdfaid:part=\"3\" pdfaid:conformance=\"A\" pdfuaid:part=\"1\">")
                .append("<dc:title><rdf:Alt>");
        // the default title is the first language's, which is not repeated
        title(x, "x-default", title.get(0)[1]);
        for (String[] t : title.subList(1, title.size())) {
            title(x, t[0], t[1]);
        }
        x.append("</rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>");
        escape(x, author);
        x.append("</rdf:li></rdf:Seq></dc:creator><dc:language><rdf:Bag>");
        for (String language : languages) {
            x.append("<rdf:li>");
            escape(x, language);
            x.append("</rdf:li>");
        }
        x.append("</rdf:Bag></dc:language>")
                // PDF/A knows no pdfuaid: its schema is described, as an extension schema must be
                .append("<pdfaExtension:schemas xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
                .append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
                .append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"><rdf:Bag><rdf:li>")
                .append("<rdf:Description pdfaSchema:schema=\"PDF/UA identification\"")
                .append(" pdfaSchema:namespaceURI=\"http://www.aiim.org/pdfua/ns/id/\" pdfaSchema:prefix=\"pdfuaid\">")
                .append("<pdfaSchema:property><rdf:Seq><rdf:li pdfaProperty:name=\"part\"")
                .append(" pdfaProperty:valueType=\"Integer\" pdfaProperty:category=\"internal\"")
                .append(" pdfaProperty:description=\"Part of ISO 14289\"/></rdf:Seq></pdfaSchema:property>")
                .append("</rdf:Description></rdf:li></rdf:Bag></pdfaExtension:schemas>")
                .append("</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void title(StringBuilder x, String language, String text) {
        x.append("<rdf:li xml:lang=\"");
        escape(x, language);
        x.append("\">");
        escape(x, text);
        x.append("</rdf:li>");
    }

    private static void escape(StringBuilder x, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> x.append("&amp;");
                case '<' -> x.append("&lt;");
                case '>' -> x.append("&gt;");
                case '"' -> x.append("&quot;");
                default -> x.append(c);
            }
        }
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
