package io.convoc.notices.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a raw message back as a mail client does: from its bytes only. */
final class ReadBack {
    private static final Session SESSION = Session.getInstance(new Properties());

    private ReadBack() {
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every leaf part, depth first. */
    static List<Part> leaves(Part part) {
        List<Part> out = new ArrayList<>();
        collect(part, out);
        return out;
    }

    static Part first(Part message, String mimeType) {
        return leaves(message).stream().filter(p -> is(p, mimeType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mimeType + " part"));
    }

    static String text(Part message, String mimeType) {
        try {
            // quoted-printable text comes back with CRLF line ends (its canonical form); clients show plain lines
            return ((String) first(message, mimeType).getContent()).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part's content once its transfer encoding is undone, byte for byte. */
    static byte[] bytes(Part part) {
        try (java.io.InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean is(Part part, String mimeType) {
        try {
            return part.isMimeType(mimeType);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header section of a raw message (up to the first empty line), as ASCII. */
    static String headerSection(byte[] raw) {
        String all = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        return all.substring(0, all.indexOf("\r\n\r\n") + 2);
    }

    private static void collect(Part part, List<Part> out) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, out);
                }
            } else {
                out.add(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
