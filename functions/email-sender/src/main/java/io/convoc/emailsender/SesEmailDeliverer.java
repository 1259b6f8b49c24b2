package io.convoc.emailsender;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.Deliverer;
import io.convoc.core.notifications.DeliveryFailure;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeContents;
import io.convoc.notices.UnsendableNotice;
import io.convoc.notices.email.ComposedEmail;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.LetterFile;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * A notice as an e-mail, written for its kind (a confirmation, a schedule change): the bilingual MIME with the
 * person's calendar and their letter (or a download link when it would be too large), sent through SES v2 as raw
 * content with the configuration set that publishes its delivery events. An organizers' announcement carries no
 * letter: its {@code ((letter_link))} is the signed download link of the person's letter when they have one, and it
 * carries the person's one-click unsubscribe link ({@code /api/public/unsubscribe/{token}}, signed, a year long). SES
 * throttling and outages are retryable; a rejection is not, nor a notice that cannot be written.
 */
final class SesEmailDeliverer implements Deliverer {
    static final Duration LINK_LIFETIME = Duration.ofDays(14);

    private final SesV2Client ses;
    private final NoticeContents contents;
    private final EmailComposer composer;
    private final LetterArchive letters;
    private final LetterTokens tokens;
    private final String publicApiUrl;
    private final String configurationSet;
    private final Clock clock;

    SesEmailDeliverer(SesV2Client ses, NoticeContents contents, EmailComposer composer, LetterArchive letters,
                      LetterTokens tokens, String publicApiUrl, String configurationSet, Clock clock) {
        this.ses = ses;
        this.contents = contents;
        this.composer = composer;
        this.letters = letters;
        this.tokens = tokens;
        this.publicApiUrl = publicApiUrl.replaceAll("/+$", "");
        this.configurationSet = configurationSet;
        this.clock = clock;
    }

    @Override
    public Delivery deliver(Notification notification, Registration registration, Programme programme) {
        return prepare(notification, registration, programme).send();
    }

    /** The mail composed (content, letter or links); the send is the SES call alone. */
    @Override
    public Prepared prepare(Notification notification, Registration registration, Programme programme) {
        ComposedEmail email;
        try {
            Notice notice = contents.of(notification, registration, programme);
            email = notice instanceof AnnouncementNotice announcement ? announcement(announcement)
                    : withLetter(notice, registration);
        } catch (UnsendableNotice e) {
            throw DeliveryFailure.permanent(e.code() + ": " + e.getMessage(), e);
        }
        return Prepared.of(1, () -> sendRaw(email));
    }

    private Delivery sendRaw(ComposedEmail email) {
        try {
            return new Delivery(ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(email.raw()))))
                    .configurationSetName(configurationSet)).messageId(), 1);
        } catch (SesV2Exception e) {
            String reason = "SES " + e.statusCode() + " " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
            boolean retryable = e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500;
            throw new DeliveryFailure(reason, retryable, e);
        } catch (SdkClientException e) {
            throw io.convoc.aws.providers.ProviderCalls.failure("SES", e);
        }
    }

    private ComposedEmail withLetter(Notice notice, Registration registration) {
        LetterInfo letter = registration.currentLetter().orElseThrow(() ->
                DeliveryFailure.permanent("the registration has no letter to send", null));
        byte[] pdf = letters.fetch(letter.key()).orElseThrow(() ->
                DeliveryFailure.retryable("letter " + letter.key() + " not found in the archive yet", null));
        return composer.compose(notice, LetterFile.of(letter.reference(), pdf, () -> letterLink(registration, letter)));
    }

    private ComposedEmail announcement(AnnouncementNotice notice) {
        Registration registration = notice.registration();
        URI unsubscribe = URI.create(publicApiUrl + "/api/public/unsubscribe/" + tokens.signUnsubscribe(
                registration.id(), registration.email(), clock.instant().plus(LetterTokens.UNSUBSCRIBE_LIFETIME)));
        URI letter = registration.currentLetter().map(l -> letterLink(registration, l)).orElse(null);
        return composer.compose(notice, unsubscribe, letter);
    }

    private URI letterLink(Registration registration, LetterInfo letter) {
        return URI.create(publicApiUrl + "/api/public/letters/"
                + tokens.signDownload(registration.id(), letter.version(), clock.instant().plus(LINK_LIFETIME)));
    }
}
