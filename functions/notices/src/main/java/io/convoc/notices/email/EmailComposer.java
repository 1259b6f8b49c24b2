package io.convoc.notices.email;

import io.convoc.core.event.Language;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.AnnouncementValues;
import io.convoc.notices.Notice;
import io.convoc.notices.PlainValues;
import io.convoc.notices.calendar.CalendarFile;
import io.convoc.notices.calendar.InviteeCalendar;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes the email of a notice in both languages, the invitee's preferred one first, with the invitation letter
 * attached, or linked when the message would exceed {@link EmailSettings#maxRawBytes()} with it, and the invitee's
 * sessions as a calendar:
 *
 * <pre>
 * multipart/mixed
 * ├── multipart/alternative
 * │   ├── text/plain; charset=UTF-8
 * │   ├── text/html; charset=UTF-8
 * │   └── text/calendar; charset=UTF-8; method=PUBLISH (or CANCEL for a cancelled session)
 * └── application/pdf (attachment; filename="lettre-invitation-ANRA-2024-0153.pdf")
 * </pre>
 * <p>
 * The calendar is an alternative rather than an attachment: that is where Gmail and Outlook look for one to offer
 * "add to calendar". When the letter is linked, the message is the multipart/alternative alone.
 *
 * <p>An organizers' announcement ({@link #compose(AnnouncementNotice, URI, URI)}) is their text with the person's
 * values, in both languages, as multipart/alternative (text/plain, text/html) alone: no letter, no calendar. It
 * carries the one-click unsubscribe of RFC 8058 ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}) and the
 * same link, visible, at the foot of each language's part. Thread-safe: build one per settings and reuse it (it holds
 * the parsed templates).
 */
public final class EmailComposer {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    // no property is needed: nothing is sent from here, and the Message-ID is ours (see NoticeMessage)
    private static final Session SESSION = Session.getInstance(new Properties());

    static {
        // Jakarta Mail 2.1 looks its stream provider up through ServiceLoader on every address and body part it
        // encodes (a scan of every jar on the class path): named here, the lookup is one Class.forName. Measured: 15 %
        // of an announcement e-mail's time in the sender (AnnouncementBenchmark, JFR).
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final EmailSettings settings;
    private final Clock clock;
    private final EmailTemplates templates = new EmailTemplates();
    private final InviteeCalendar calendars;

    public EmailComposer(EmailSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock gives the Date header and the calendar's DTSTAMP */
    public EmailComposer(EmailSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendars = new InviteeCalendar(settings.from().getAddress(), clock);
    }

    /**
     * The email of {@code notice} carrying {@code letter}.
     *
     * @throws InvalidRecipient when the registration's address cannot be written as a recipient
     * @throws EmailTooLarge    when the message is too large with the letter and no link can replace it, or too
     *                          large even with the link
     */
    public ComposedEmail compose(Notice notice, LetterFile letter) {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(letter, "letter");
        if (notice instanceof AnnouncementNotice) {
            throw new IllegalArgumentException("an announcement carries no letter: compose(AnnouncementNotice, URI, URI)");
        }
        InternetAddress recipient = recipient(notice.registration());
        String subject = EmailModel.subject(notice);
        CalendarFile calendar = calendars.forNotice(notice);

        // skip building a message that cannot fit: base64 alone makes the PDF a third larger
        if (base64Size(letter.size()) < settings.maxRawBytes()) {
            ComposedEmail attached = build(notice, recipient, subject, letter, null, calendar);
            if (attached.rawSize() <= settings.maxRawBytes()) {
                return attached;
            }
        }
        URI link = letter.link()
                .map(l -> EmailLinks.resolve(l, settings.letterBaseUrl()).orElseThrow(() -> new EmailTooLarge(
                        "the letter " + letter.reference() + " is too large to attach and its link " + l
                                + " is relative with no letter base URL configured")))
                .orElseThrow(() -> new EmailTooLarge("the letter " + letter.reference() + " (" + letter.size()
                        + " bytes) is too large to attach under " + settings.maxRawBytes()
                        + " bytes, and no download link was given"));
        ComposedEmail linked = build(notice, recipient, subject, letter, link, calendar);
        if (linked.rawSize() > settings.maxRawBytes()) {
            throw new EmailTooLarge("the email is " + linked.rawSize() + " bytes even without its attachment, over "
                    + settings.maxRawBytes());
        }
        return linked;
    }

    /**
     * The email of an organizers' announcement to one person.
     *
     * @param unsubscribe the person's one-click unsubscribe link (an absolute http(s) URL that answers a POST)
     * @param letterLink  where the person downloads their letter, the value of {@code ((letter_link))}; null when they
     *                    have no letter (the placeholder is then empty)
     * @throws InvalidRecipient when the registration's address cannot be written as a recipient
     * @throws EmailTooLarge    when the message exceeds {@link EmailSettings#maxRawBytes()}
     */
    public ComposedEmail compose(AnnouncementNotice notice, URI unsubscribe, URI letterLink) {
        Objects.requireNonNull(notice, "notice");
        String unsubscribeLink = EmailLinks.requireWebUrl(Objects.requireNonNull(unsubscribe, "unsubscribe"),
                "unsubscribe link").toASCIIString();
        if (letterLink != null) {
            EmailLinks.requireWebUrl(letterLink, "letter link");
        }
        InternetAddress recipient = recipient(notice.registration());
        AnnouncementValues values = AnnouncementValues.of(notice, letterLink);
        String subject = EmailModel.subject(notice, values);
        EmailTemplates.Rendered rendered = templates.render(notice.kind(),
                EmailModel.variables(notice, values, subject, unsubscribeLink, settings.replyTo().isPresent()));
        try {
            MimeMessage message = message(notice, recipient, subject);
            // RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs
            // "List-Unsubscribe=One-Click" to the link, without opening it in a browser
            message.setHeader("List-Unsubscribe", "<" + unsubscribeLink + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setContent(alternative(rendered, null));
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream(32_768);
            message.writeTo(raw);
            if (raw.size() > settings.maxRawBytes()) {
                throw new EmailTooLarge("the announcement email is " + raw.size() + " bytes, over "
                        + settings.maxRawBytes());
            }
            return new ComposedEmail(message, raw.toByteArray(), subject, recipient, LetterDelivery.NONE, null,
                    rendered.html(), rendered.text(), null, unsubscribe);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the email of registration " + notice.registration().id(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // what every notice email has: ids, addresses, subject, date, languages
    private MimeMessage message(Notice notice, InternetAddress recipient, String subject) throws MessagingException {
        MimeMessage message = new NoticeMessage(SESSION, "<" + UUID.randomUUID() + "@" + settings.fromDomain() + ">");
        message.setFrom(settings.from());
        if (settings.replyTo().isPresent()) {
            message.setReplyTo(new InternetAddress[]{settings.replyTo().get()});
        }
        message.setRecipient(Message.RecipientType.TO, recipient);
        // RFC 2047 encoded words; the subject is one line already, so no header can be smuggled in
        message.setSubject(subject, UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Content-Language", EmailModel.languages(notice).stream()
                .map(Language::tag).collect(Collectors.joining(", ")));
        // RFC 3834: tells vacation responders not to answer a notice
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }

    // text/plain and text/html, and the calendar when there is one
    private static MimeMultipart alternative(EmailTemplates.Rendered rendered, CalendarFile calendar)
            throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), UTF_8, "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.html(), UTF_8, "html");
        alternative.addBodyPart(html);
        if (calendar != null) {
            alternative.addBodyPart(calendarPart(calendar));
        }
        return alternative;
    }

    private ComposedEmail build(Notice notice, InternetAddress recipient, String subject, LetterFile letter, URI link,
                                CalendarFile calendar) {
        boolean attach = link == null;
        EmailModel.Letter letterView = new EmailModel.Letter(PlainValues.oneLine(letter.reference()), attach,
                attach ? null : link.toASCIIString(), letter.fileName());
        EmailTemplates.Rendered rendered = templates.render(notice.kind(),
                EmailModel.variables(notice, subject, letterView, settings.replyTo().isPresent()));
        try {
            MimeMessage message = message(notice, recipient, subject);
            MimeMultipart alternative = alternative(rendered, calendar);

            if (attach) {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                mixed.addBodyPart(body);
                mixed.addBodyPart(attachment(letter));
                message.setContent(mixed);
            } else {
                message.setContent(alternative);
            }
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream(attach ? base64Size(letter.size()) + 32_768 : 32_768);
            message.writeTo(raw);
            return new ComposedEmail(message, raw.toByteArray(), subject, recipient,
                    attach ? LetterDelivery.ATTACHED : LetterDelivery.LINKED, link, rendered.html(), rendered.text(),
                    calendar, null);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the email of registration " + notice.registration().id(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // the bytes as written (CRLF, folded lines): a data source rather than setText, which would re-encode the text
    private static MimeBodyPart calendarPart(CalendarFile calendar) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar.content(), calendar.contentType())));
        part.setHeader("Content-Type", calendar.contentType());
        return part;
    }

    private static MimeBodyPart attachment(LetterFile letter) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(letter.pdf(), "application/pdf")));
        part.setFileName(letter.fileName());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /**
     * The invitee as a To address: the display name in their preferred language, on one line, encoded as UTF-8;
     * the address must be a plain, valid one (a CR or LF in it is refused, not cleaned).
     */
    static InternetAddress recipient(Registration registration) {
        String address = registration.email().strip();
        try {
            InternetAddress strict = new InternetAddress(address, true);
            if (!address.equals(strict.getAddress())) {
                throw new AddressException("not a bare address", address);
            }
            String name = EmailModel.name(registration.name(), registration.languages().preferred());
            InternetAddress to = new InternetAddress(address, name.isEmpty() ? null : name, UTF_8);
            to.validate();
            return to;
        } catch (AddressException e) {
            throw new InvalidRecipient("registration " + registration.id() + " has an invalid email address: "
                    + e.getMessage(), e);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    // base64 with the 76-character lines Jakarta Mail writes
    private static int base64Size(long bytes) {
        long chars = 4 * ((bytes + 2) / 3);
        long size = chars + 2 * ((chars + 75) / 76);
        return (int) Math.min(Integer.MAX_VALUE - 8, size);
    }

    /** A message whose Message-ID names the sender's domain rather than this machine's host name. */
    private static final class NoticeMessage extends MimeMessage {
        private final String messageId;

        NoticeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
