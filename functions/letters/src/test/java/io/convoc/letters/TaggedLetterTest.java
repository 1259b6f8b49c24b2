package io.convoc.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Letters as tagged PDF: PDF/A-3a and PDF/UA-1 for veraPDF, their structure tree, and what PDFBox reads from them. */
class TaggedLetterTest {
    private static byte[] president;
    private static byte[] latinName;
    private static byte[] twoPages;

    @BeforeAll
    static void render() {
        LetterRenderer renderer = LetterRenderer.shared();
        president = renderer.render(SampleLetters.presidentLetter());
        latinName = renderer.render(SampleLetters.letter(PopplerTextTest.latinOnly(), "ANRA-2024/0210"));
        Registration everything = SampleLetters.registration("reg-0007", Civility.EXCELLENCE,
                new PersonName("Abdelouafi", "Laftit", "عبد الوافي لفتيت"), "Ministre de l’Intérieur",
                "وزير الداخلية", Category.GOVERNMENT_MEMBER, List.copyOf(SampleLetters.assises().workshopIds()));
        twoPages = renderer.render(SampleLetters.letter(everything, "ANRA-2024/0007"));
    }

    @Test
    void isPdfA3aCompliantForVeraPdf() throws Exception {
        for (byte[] pdf : List.of(president, latinName, twoPages, HarakatSample.render())) {
            Pdfs.Verdict verdict = Pdfs.pdfA3a(pdf);
            assertTrue(verdict.compliant(), verdict.failures());
        }
    }

    @Test
    void isPdfUa1CompliantForVeraPdf() throws Exception {
        for (byte[] pdf : List.of(president, latinName, twoPages, HarakatSample.render())) {
            Pdfs.Verdict verdict = Pdfs.pdfUa1(pdf);
            assertTrue(verdict.compliant(), verdict.failures());
        }
    }

    @Test
    void metadataClaimsPdfA3aAndPdfUa1AndTitlesTheLetter() throws IOException {
        try (PDDocument document = Loader.loadPDF(president)) {
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertTrue(xmp.contains("pdfaid:part=\"3\" pdfaid:conformance=\"A\" pdfuaid:part=\"1\""), xmp);
            assertTrue(xmp.contains("<rdf:li xml:lang=\"x-default\">Lettre d’invitation – 2èmes Assises nationales"),
                    xmp);
            assertTrue(xmp.contains("<rdf:li xml:lang=\"ar\">رسالة دعوة – الدورة الثانية للمناظرة"), xmp);
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            assertTrue(catalog.getCOSDictionary(COSName.MARK_INFO).getBoolean(COSName.getPDFName("Marked"), false));
            assertTrue(catalog.getCOSDictionary(COSName.VIEWER_PREFERENCES)
                    .getBoolean(COSName.DISPLAY_DOC_TITLE, false));
            assertEquals("fr", document.getDocumentCatalog().getLanguage());
        }
    }

    @Test
    void structureReadsTheFrenchColumnThenTheTifinaghLineThenTheArabicColumn() throws IOException {
        try (PDDocument document = Loader.loadPDF(twoPages)) {
            List<COSDictionary> elements = elements(document);
            List<String> languages = elements.stream().map(e -> e.getString(COSName.LANG)).toList();
            int tifinagh = languages.indexOf("zgh");
            assertEquals(languages.lastIndexOf("zgh"), tifinagh, languages.toString());
            assertTrue(languages.subList(0, tifinagh).stream().allMatch("fr"::equals), languages.toString());
            assertTrue(languages.subList(tifinagh + 1, languages.size()).stream().allMatch("ar"::equals),
                    languages.toString());
            // the Arabic column reads as the French one does: the same headings and paragraphs, in the same order,
            // page after page
            List<String> french = roles(elements.subList(0, tifinagh));
            List<String> arabic = roles(elements.subList(tifinagh + 1, elements.size()));
            assertEquals(french, arabic);
            assertEquals(List.of("H1", "H2", "H3", "H3", "H2"),
                    french.stream().filter(r -> r.startsWith("H")).toList());
        }
    }

    @Test
    void eachElementHoldsItsParagraphsTextOnItsPage() throws IOException {
        try (PDDocument document = Loader.loadPDF(twoPages)) {
            List<COSDictionary> elements = elements(document);
            Map<COSDictionary, String> text = new HashMap<>();
            for (PDPage page : document.getPages()) {
                Map<Integer, String> byMcid = markedText(page);
                for (COSDictionary element : elements) {
                    if (element.getCOSDictionary(COSName.PG) == page.getCOSObject()) {
                        text.put(element, byMcid.get(element.getInt(COSName.K)));
                    }
                }
            }
            assertEquals(elements.size(), text.size(), "every element on a page");
            assertTrue(text.get(elements.get(0)).startsWith("ROYAUME DU MAROC"), text.get(elements.get(0)));
            COSDictionary heading = elements.stream().filter(e -> COSName.getPDFName("H1").equals(
                    e.getCOSName(COSName.S))).findFirst().orElseThrow();
            assertTrue(text.get(heading).contains("Invitation – 2èmes Assises nationales"), text.get(heading));
            COSDictionary tifinagh = elements.stream().filter(e -> "zgh".equals(e.getString(COSName.LANG)))
                    .findFirst().orElseThrow();
            assertEquals("ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ", text.get(tifinagh).strip());
            // a session reads with its room and its time
            assertTrue(elements.stream().map(text::get).anyMatch(t -> t.contains("Séance plénière d’ouverture")
                    && t.contains("Salle plénière") && t.contains("09:30 – 12:30")), text.values().toString());
            // the second page's running head and footer are pagination, not read twice
            String all = String.join("\n", text.values());
            assertFalse(all.contains("(suite)"), all);
            assertEquals(1, all.split("Scannez ce code", -1).length - 1, all);
        }
    }

    @Test
    void parentTreeMapsEachPagesMarkedContentBackToItsElement() throws IOException {
        try (PDDocument document = Loader.loadPDF(twoPages)) {
            COSDictionary root = document.getDocumentCatalog().getCOSObject()
                    .getCOSDictionary(COSName.STRUCT_TREE_ROOT);
            COSArray nums = root.getCOSDictionary(COSName.PARENT_TREE).getCOSArray(COSName.NUMS);
            assertEquals(2 * document.getNumberOfPages(), nums.size());
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                PDPage page = document.getPage(i);
                assertEquals(i, page.getStructParents());
                assertEquals(i, ((COSInteger) nums.getObject(2 * i)).intValue());
                COSArray parents = (COSArray) nums.getObject(2 * i + 1);
                assertEquals(markedText(page).size(), parents.size());
                for (int mcid = 0; mcid < parents.size(); mcid++) {
                    COSDictionary element = (COSDictionary) parents.getObject(mcid);
                    assertEquals(mcid, element.getInt(COSName.K));
                    assertSame(page.getCOSObject(), element.getCOSDictionary(COSName.PG));
                }
            }
        }
    }

    @Test
    void pdfboxReadsTheGlyphsNotTheActualTextMadeForPoppler() {
        // PDFBox would reverse that ActualText (ActualText); each line that has one keeps PDFBox on its glyphs
        String text = Pdfs.text(latinName);
        assertTrue(text.contains("السيد Jean-Pierre Dupont المحترم"), text);
        assertTrue(text.contains("طنجة، يومي 20 و21 دجنبر 2024"), text);
        assertTrue(text.contains("الرباط، في 30 جمادى الأولى 1446 هـ (2 دجنبر 2024)"), text);
        assertTrue(text.contains("«الجهوية المتقدمة بين تحديات الحاضر والمستقبل»"), text);
        assertTrue(text.contains("منتخب(ة) بالمجلس الجماعي رقم 12"), text);
        assertTrue(text.contains("سلام تام بوجود مولانا الإمام، وبعد،"), text);
        assertTrue(text.contains("ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ"), text);
        assertFalse(text.contains(String.valueOf(ActualText.LRM)), text);
    }

    @Test
    void linesPopplerWouldMisreadCarryAnActualTextInASpan() throws IOException {
        try (PDDocument document = Loader.loadPDF(latinName)) {
            String content = new String(document.getPage(0).getContents().readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertTrue(content.contains("/Span<</ActualText("), content.substring(0, 400));
            // and the decorations are artifacts
            assertTrue(content.contains("/Artifact BMC"), content.substring(0, 400));
        }
    }

    /** The Document element's children, in reading order. */
    private static List<COSDictionary> elements(PDDocument document) {
        COSDictionary root = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        COSDictionary top = root.getCOSDictionary(COSName.K);
        assertEquals(COSName.getPDFName("Document"), top.getCOSName(COSName.S));
        List<COSDictionary> elements = new ArrayList<>();
        for (COSBase kid : top.getCOSArray(COSName.K)) {
            COSDictionary element = (COSDictionary) (kid instanceof COSObject o ? o.getObject() : kid);
            assertSame(top, element.getCOSDictionary(COSName.P));
            assertNotNull(element.getCOSDictionary(COSName.PG));
            elements.add(element);
        }
        return elements;
    }

    private static List<String> roles(List<COSDictionary> elements) {
        return elements.stream().map(e -> e.getCOSName(COSName.S).getName()).toList();
    }

    /** The text of each marked-content sequence with an MCID on the page, glyphs in drawing order. */
    private static Map<Integer, String> markedText(PDPage page) throws IOException {
        PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
        extractor.processPage(page);
        Map<Integer, String> text = new HashMap<>();
        for (PDMarkedContent content : extractor.getMarkedContents()) {
            if (content.getMCID() >= 0) {
                StringBuilder sb = new StringBuilder();
                collect(content, sb);
                text.put(content.getMCID(), sb.toString());
            }
        }
        return text;
    }

    private static void collect(PDMarkedContent content, StringBuilder sb) {
        float y = Float.NaN;
        for (Object item : content.getContents()) {
            if (item instanceof TextPosition position) {
                if (!Float.isNaN(y) && Math.abs(position.getY() - y) > 2) {
                    sb.append('\n');
                }
                y = position.getY();
                sb.append(position.getUnicode());
            } else if (item instanceof PDMarkedContent inner) {
                collect(inner, sb);
            }
        }
    }
}
