package io.convoc.letters;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The logical structure of a letter (tagged PDF, PDF/UA): a Document element whose children are the letter's
 * paragraphs and headings in reading order, the French column first (top to bottom, page after page), then the
 * Tifinagh line, then the Arabic column, each element with its language. Each element holds one marked-content
 * sequence of one page ({@link ContentWriter#writeTagged}); the parent tree maps them back.
 *
 * <p>Written as bare dictionaries, without the optional /Type entries PDFBox's structure classes add, since every
 * byte counts towards the letter's 30 KB.
 */
final class Structure {
    private static final COSName DOCUMENT = COSName.getPDFName("Document");

    private Structure() {
    }

    static void tag(PDDocument document, List<ContentWriter.Tagged> pages) {
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        COSDictionary root = new COSDictionary();
        root.setItem(COSName.TYPE, COSName.STRUCT_TREE_ROOT);
        COSDictionary top = new COSDictionary();
        top.setItem(COSName.S, DOCUMENT);
        top.setItem(COSName.P, root);
        root.setItem(COSName.K, top);

        // the elements of each page, by MCID (the parent tree), and all of them in reading order
        COSArray nums = new COSArray();
        List<COSDictionary> french = new ArrayList<>();
        List<COSDictionary> tifinagh = new ArrayList<>();
        List<COSDictionary> arabic = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            COSDictionary page = document.getPage(i).getCOSObject();
            COSArray parents = new COSArray();
            List<Mark.Text> items = pages.get(i).contentItems();
            for (int mcid = 0; mcid < items.size(); mcid++) {
                Mark.Text text = items.get(mcid);
                COSDictionary element = new COSDictionary();
                element.setItem(COSName.S, COSName.getPDFName(text.role().name()));
                element.setItem(COSName.P, top);
                element.setItem(COSName.PG, page);
                element.setInt(COSName.K, mcid);
                String language = text.language();
                element.setItem(COSName.LANG, new COSString(language));
                parents.add(element);
                (language.equals("fr") ? french : language.equals("ar") ? arabic : tifinagh).add(element);
            }
            nums.add(COSInteger.get(i));
            nums.add(parents);
        }
        COSArray kids = new COSArray();
        french.forEach(kids::add);
        tifinagh.forEach(kids::add);
        arabic.forEach(kids::add);
        top.setItem(COSName.K, kids);

        COSDictionary parentTree = new COSDictionary();
        parentTree.setItem(COSName.NUMS, nums);
        parentTree.setDirect(true);
        root.setItem(COSName.PARENT_TREE, parentTree);
        catalog.getCOSObject().setItem(COSName.STRUCT_TREE_ROOT, root);

        COSDictionary markInfo = new COSDictionary();
        markInfo.setItem(COSName.getPDFName("Marked"), COSBoolean.TRUE);
        markInfo.setDirect(true);
        catalog.getCOSObject().setItem(COSName.MARK_INFO, markInfo);
        // PDF/UA: viewers show the title (XMP dc:title), not the file name
        COSDictionary viewer = new COSDictionary();
        viewer.setItem(COSName.DISPLAY_DOC_TITLE, COSBoolean.TRUE);
        viewer.setDirect(true);
        catalog.getCOSObject().setItem(COSName.VIEWER_PREFERENCES, viewer);
    }
}
