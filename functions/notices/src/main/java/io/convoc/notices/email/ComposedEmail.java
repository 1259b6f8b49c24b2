package io.convoc.notices.email;

import io.convoc.notices.calendar.CalendarFile;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.util.Optional;

/**
 * A notice email ready to send: the message, its raw RFC 5322 bytes (what SES v2 {@code SendEmail} with raw content
 * takes), and what an organizer's preview or a delivery record needs to know about it.
 */
public final class ComposedEmail {
    private final MimeMessage message;
    private final byte[] raw;
    private final String subject;
    private final InternetAddress recipient;
    private final LetterDelivery letterDelivery;
    private final URI letterLink;
    private final String html;
    private final String text;
    private final CalendarFile calendar;
    private final URI unsubscribeLink;

    ComposedEmail(MimeMessage message, byte[] raw, String subject, InternetAddress recipient,
                  LetterDelivery letterDelivery, URI letterLink, String html, String text, CalendarFile calendar,
                  URI unsubscribeLink) {
        this.message = message;
        this.raw = raw;
        this.subject = subject;
        this.recipient = recipient;
        this.letterDelivery = letterDelivery;
        this.letterLink = letterLink;
        this.html = html;
        this.text = text;
        this.calendar = calendar;
        this.unsubscribeLink = unsubscribeLink;
    }

    /** The Jakarta Mail message (already saved: headers and Message-ID are final). */
    public MimeMessage message() {
        return message;
    }

    /** The message as sent, CRLF line endings; a copy. */
    public byte[] raw() {
        return raw.clone();
    }

    public int rawSize() {
        return raw.length;
    }

    /** The subject as a person reads it (decoded). */
    public String subject() {
        return subject;
    }

    public InternetAddress recipient() {
        return (InternetAddress) recipient.clone();
    }

    public LetterDelivery letterDelivery() {
        return letterDelivery;
    }

    /** The download link written in the message, when the letter is {@link LetterDelivery#LINKED}. */
    public Optional<URI> letterLink() {
        return Optional.ofNullable(letterLink);
    }

    /** The HTML part, for a preview. */
    public String html() {
        return html;
    }

    /** The plain-text part, for a preview. */
    public String text() {
        return text;
    }

    /**
     * The calendar part (the person's sessions, or the cancellation of one), for a preview or a test; null for an
     * announcement, which has none.
     */
    public CalendarFile calendar() {
        return calendar;
    }

    /** The one-click unsubscribe link of an announcement (its {@code List-Unsubscribe} header); empty for others. */
    public Optional<URI> unsubscribeLink() {
        return Optional.ofNullable(unsubscribeLink);
    }
}
