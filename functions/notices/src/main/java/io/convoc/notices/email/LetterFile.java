package io.convoc.notices.email;

import io.convoc.notices.NoticeText;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An invitation letter to send with an email: its PDF, and how to get a download link for it should the message
 * be too large with the PDF attached. The link is asked for only then, since making one may cost (a signed token,
 * a presigned URL). It may be relative (e.g. {@code /letters/<token>}): it is then resolved against the configured
 * {@link EmailSettings#letterBaseUrl()}.
 *
 * <p>The PDF is not copied: do not change the array after handing it over.
 */
public final class LetterFile {
    private final String reference;
    private final String fileName;
    private final byte[] pdf;
    private final Supplier<URI> link;

    public LetterFile(String reference, String fileName, byte[] pdf, Supplier<URI> link) {
        this.reference = requireText(reference, "reference");
        this.fileName = safeFileName(requireText(fileName, "fileName"));
        this.pdf = Objects.requireNonNull(pdf, "pdf");
        this.link = link;
        // a wrong object attached as "the invitation letter" would be worse than no mail at all
        if (pdf.length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F' || pdf[4] != '-') {
            throw new IllegalArgumentException("the letter of " + reference + " is not a PDF");
        }
    }

    /** A letter with the standard file name, e.g. {@code lettre-invitation-ANRA-2024-0153.pdf}. */
    public static LetterFile of(String reference, byte[] pdf, Supplier<URI> link) {
        return new LetterFile(reference, fileNameFor(reference), pdf, link);
    }

    /** A letter that can only be attached: if the message is too large with it, composing fails. */
    public static LetterFile attachedOnly(String reference, byte[] pdf) {
        return new LetterFile(reference, fileNameFor(reference), pdf, null);
    }

    /** {@code ANRA-2024/0153} gives {@code lettre-invitation-ANRA-2024-0153.pdf} (wording from the bundle). */
    public static String fileNameFor(String reference) {
        String ascii = requireText(reference, "reference").replaceAll("[^A-Za-z0-9._-]+", "-");
        return NoticeText.of(io.convoc.core.event.Language.FR).get("letter.fileName", ascii);
    }

    /** The letter's reference number, e.g. {@code ANRA-2024/0153}. */
    public String reference() {
        return reference;
    }

    public String fileName() {
        return fileName;
    }

    /** The PDF itself (not a copy). */
    public byte[] pdf() {
        return pdf;
    }

    public int size() {
        return pdf.length;
    }

    /** Asks the caller's supplier for the link, if there is one. */
    Optional<URI> link() {
        return link == null ? Optional.empty() : Optional.ofNullable(link.get());
    }

    // a file name is a header parameter and a path on the reader's disk: no controls, no directories, ends in .pdf
    private static String safeFileName(String name) {
        String safe = name.replaceAll("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069/\\\\:*?\"<>|]+", "-")
                .replaceAll("^[\\s.-]+", "").strip();
        if (safe.isEmpty() || safe.equalsIgnoreCase(".pdf")) {
            safe = "letter";
        }
        return safe.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? safe : safe + ".pdf";
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
