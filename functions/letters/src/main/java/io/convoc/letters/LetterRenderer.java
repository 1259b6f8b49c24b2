package io.convoc.letters;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import java.time.LocalDate;
import io.convoc.core.letters.InvitationLetter;
import io.convoc.core.ports.LetterPrinter;

import io.convoc.core.event.Language;
import io.convoc.letters.LetterLayout.Placed;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;

/**
 * Renders invitation letters as tagged PDF/A-3a and PDF/UA-1 documents, French and Arabic side by side.
 *
 * <p>The fonts are parsed once per JVM by {@link #shared()}; each letter embeds subsets of them. Rendering is
 * deterministic: the same {@link InvitationLetter} always gives the same bytes (dates come from
 * {@link InvitationLetter#issuedOn()}, the file identifier from the content, subset tags from the glyphs), so a
 * letter's SHA-256 identifies what it says. Thread-safe.
 */
public final class LetterRenderer implements LetterPrinter {

    private static final class Shared {
        static final LetterRenderer INSTANCE = new LetterRenderer(LetterFonts.load());
    }

    private final LetterFonts fonts;
    private final Typesetter typesetter;
    // compiled message patterns are not thread-safe: one set per thread, reused across letters
    private final ThreadLocal<LetterText[]> texts = ThreadLocal.withInitial(
            () -> new LetterText[] {new LetterText(Language.FR), new LetterText(Language.AR)});

    private LetterRenderer(LetterFonts fonts) {
        this.fonts = fonts;
        this.typesetter = new Typesetter(fonts);
    }

    /** The parsed fonts, shared with the other documents made here (the export cover). */
    LetterFonts fonts() {
        return fonts;
    }

    /** The typesetter, shared with the other documents made here (its cache holds the event's texts). */
    Typesetter typesetter() {
        return typesetter;
    }

    /** The renderer of this JVM: the first call parses the fonts (a few hundred milliseconds). */
    public static LetterRenderer shared() {
        return Shared.INSTANCE;
    }

    /**
     * Renders a throw-away letter with Latin, Arabic and Tifinagh text, so that fonts, shaping, XMP and the
     * JIT are warm before the first invitee's letter (called at function start, i.e. before a SnapStart
     * snapshot). The letter is never stored nor shown to anyone.
     */
    public void warmUp() {
        render(new InvitationLetter(io.convoc.core.event.WarmUpSample.programme(),
                io.convoc.core.event.WarmUpSample.registration(), "WARM-UP/0001", 1, LocalDate.of(2024, 11, 20),
                "https://example.invalid/api/verify/warm-up"));
    }

    /** The letter as PDF bytes: one A4 page, two when the programme needs it. */
    @Override
    public byte[] print(InvitationLetter letter) {
        return render(letter);
    }

    public byte[] render(InvitationLetter letter) {
        LetterText[] text = texts.get();
        LetterText fr = text[0];
        LetterText ar = text[1];
        LetterLayout layout = new LetterLayout(typesetter, fr, ar, LetterContent.of(letter, fr, ar));
        List<List<Placed>> placed = layout.paginate(layout.compose());
        QrCode qr = QrCode.encode(letter.qrPayload());
        List<List<Mark>> pages = new ArrayList<>(placed.size());
        for (int i = 0; i < placed.size(); i++) {
            pages.add(layout.page(placed.get(i), i + 1, placed.size(), qr));
        }

        // the whole letter is laid out: its glyphs are known before any font or content is written
        EmbeddedFonts embedded = new EmbeddedFonts(fonts);
        pages.forEach(marks -> ContentWriter.collect(marks, embedded));

        try (PDDocument document = new PDDocument()) {
            COSDocument cos = document.getDocument();
            PDResources resources = new PDResources();
            COSDictionary fontResources = embedded.build(cos);
            fontResources.setDirect(true); // inside the resources that all pages share: no object of its own
            resources.getCOSObject().setItem(COSName.FONT, fontResources);
            COSDictionary images = new COSDictionary();
            images.setItem(QrCode.RESOURCE, qr.image(cos));
            images.setDirect(true);
            resources.getCOSObject().setItem(COSName.XOBJECT, images);
            List<byte[]> identity = new ArrayList<>();
            identity.add(qr.mask()); // drawn from the resources, not the content: part of what the letter shows
            List<ContentWriter.Tagged> tagged = new ArrayList<>(pages.size());
            for (List<Mark> marks : pages) {
                ContentWriter.Tagged content = ContentWriter.writeTagged(marks, embedded);
                tagged.add(content);
                identity.add(content.content());
                PDPage page = new PDPage(PDRectangle.A4);
                page.setResources(resources);
                page.getCOSObject().setItem(COSName.CONTENTS, EmbeddedFonts.stream(cos, content.content()));
                page.getCOSObject().setInt(COSName.STRUCT_PARENTS, tagged.size() - 1);
                document.addPage(page);
            }
            Structure.tag(document, tagged);

            Event event = letter.programme().event();
            String titleFr = fr.format("meta.title", "event", event.name().fr());
            String titleAr = ar.format("meta.title", "event", event.name().ar());
            String author = event.organizers().stream().map(Bilingual::fr).filter(s -> !s.isBlank()).findFirst()
                    .orElse(event.signatory().fr());
            GregorianCalendar date = GregorianCalendar.from(letter.issuedOn().atStartOfDay(event.zone()));
            identity.add(PdfA.describe(document,
                    List.of(new String[] {"fr", titleFr}, new String[] {"ar", titleAr}),
                    author, List.of(Language.FR.tag(), Language.AR.tag()), date));
            PdfA.identify(document, identity.toArray(byte[][]::new));

            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render letter " + letter.reference(), e);
        }
    }
}
