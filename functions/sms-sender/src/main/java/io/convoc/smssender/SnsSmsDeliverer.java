package io.convoc.smssender;

import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.notifications.Deliverer;
import io.convoc.core.notifications.DeliveryFailure;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.ShortLinks;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.notices.AnnouncementNotice;
import io.convoc.notices.Notice;
import io.convoc.notices.NoticeContents;
import io.convoc.notices.UnsendableNotice;
import io.convoc.notices.sms.SmsComposer;
import io.convoc.notices.sms.SmsNotice;
import io.convoc.notices.sms.SmsText;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A notice as SMS, written for its kind (a confirmation, a schedule change, an announcement), through SNS {@code Publish} to the E.164 number: transactional, with the
 * configured sender id. A person who reads both languages has one SMS notice per language; each notice
 * publishes exactly one message, its language's, so that a retry never sends another twice. Throttling and
 * SNS outages are retryable; an invalid number or an opted-out one is not.
 *
 * <p>The SMS carries a short link ({@code <short link base>/l/<code>}, {@link ShortLinks}) to the signed letter link
 * rather than the signed link itself (~120 characters): an Arabic SMS holds 67 characters a part. The signed link
 * expires {@link #LINK_LIFETIME} after the notice was created, so a retried notice names the same target, hence the
 * same code, and rewrites the same short link.
 *
 * <p>An announcement needs no letter: its {@code ((letter_link))} is the short link to the letter when the person has
 * one, else empty. It ends with the line that stops announcements, a short link to the unsubscribe page
 * ({@code /api/public/unsubscribe/{token}}: its {@code GET} only asks, its button opts out) whose token names the
 * registration and, signed, the number the SMS goes to; token and short link expire
 * {@link LetterTokens#UNSUBSCRIBE_LIFETIME} after the notice was created, so a retry writes the same short link.
 */
final class SnsSmsDeliverer implements Deliverer {
    static final Duration LINK_LIFETIME = Duration.ofDays(14);

    private final SnsClient sns;
    private final NoticeContents contents;
    private final SmsComposer composer;
    private final LetterTokens tokens;
    private final ShortLinks shortLinks;
    private final String publicApiUrl;
    private final String shortLinkBaseUrl;
    private final String senderId;
    private final Clock clock;

    /**
     * @param publicApiUrl     the API's URL: the signed letter link (the short link's target) is under it
     * @param shortLinkBaseUrl where {@code /l/<code>} is served: the API's URL or a shorter domain routed to it
     */
    SnsSmsDeliverer(SnsClient sns, NoticeContents contents, SmsComposer composer, LetterTokens tokens,
                    ShortLinks shortLinks, String publicApiUrl, String shortLinkBaseUrl, String senderId, Clock clock) {
        this.sns = sns;
        this.contents = contents;
        this.composer = composer;
        this.tokens = tokens;
        this.shortLinks = shortLinks;
        this.publicApiUrl = publicApiUrl.replaceAll("/+$", "");
        this.shortLinkBaseUrl = shortLinkBaseUrl.replaceAll("/+$", "");
        this.senderId = senderId;
        this.clock = clock;
    }

    @Override
    public Delivery deliver(Notification notification, Registration registration, Programme programme) {
        return prepare(notification, registration, programme).send();
    }

    /**
     * The message written (its short links stored): its parts are what the sending rate counts, the send is the SNS
     * call alone.
     */
    @Override
    public Prepared prepare(Notification notification, Registration registration, Programme programme) {
        SmsText text = message(notification, registration, programme);
        return Prepared.of(text.count().parts(), () -> publish(notification, text));
    }

    private Delivery publish(Notification notification, SmsText text) {
        try {
            String id = sns.publish(b -> b.phoneNumber(notification.destination()).message(text.text())
                    .messageAttributes(Map.of(
                            "AWS.SNS.SMS.SMSType", string("Transactional"),
                            "AWS.SNS.SMS.SenderID", string(senderId)))).messageId();
            // what SNS bills: parts, by kind of notice and encoding (UCS-2 for Arabic, GSM-7 for most French)
            io.convoc.aws.metrics.Measurements.count("SmsParts", text.count().parts(), Map.of(
                    "Kind", notification.kind().name(), "Encoding", String.valueOf(text.count().encoding())));
            return new Delivery(id, text.count().parts());
        } catch (SnsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String reason = "SNS " + e.statusCode() + " " + code + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            boolean retryable = e.isThrottlingException() || "Throttled".equals(code) || e.statusCode() >= 500;
            throw new DeliveryFailure(reason, retryable, e);
        } catch (SdkClientException e) {
            throw io.convoc.aws.providers.ProviderCalls.failure("SNS", e);
        }
    }

    /** The one message of this notice: its language's, out of the whole SMS (all the languages the person reads). */
    private SmsText message(Notification notification, Registration registration, Programme programme) {
        SmsNotice sms;
        try {
            Notice notice = contents.of(notification, registration, programme);
            if (notice instanceof AnnouncementNotice announcement) {
                sms = composer.compose(announcement, registration.currentLetter()
                                .map(l -> letterLink(notification, registration.id(), l.version())).orElse(null),
                        stopLink(notification, registration.id()));
            } else {
                LetterInfo letter = registration.currentLetter().orElseThrow(() ->
                        DeliveryFailure.permanent("the registration has no letter to point to", null));
                sms = composer.compose(notice, letterLink(notification, registration.id(), letter.version()));
            }
        } catch (UnsendableNotice e) {
            throw DeliveryFailure.permanent(e.code() + ": " + e.getMessage(), e);
        }
        // the whole notice is composed, so that its parts budget holds for both languages together
        return sms.messages().stream()
                .filter(m -> notification.language() == null || m.language() == notification.language())
                .findFirst()
                .orElseThrow(() -> DeliveryFailure.permanent("no SMS in " + notification.language()
                        + " for languages " + registration.languages().code(), null));
    }

    /**
     * The short link to the page that stops announcements to the notice's number: its target is the unsubscribe page
     * with a token over the registration and that number, which expires {@link LetterTokens#UNSUBSCRIBE_LIFETIME}
     * after the notice was created (the same on every attempt); the short link expires with it.
     */
    private URI stopLink(Notification notification, String registrationId) {
        Instant expires = created(notification).plus(LetterTokens.UNSUBSCRIBE_LIFETIME);
        URI target = URI.create(publicApiUrl + "/api/public/unsubscribe/"
                + tokens.signUnsubscribe(registrationId, notification.destination(), expires));
        return URI.create(shortLinkBaseUrl + "/l/" + shortLinks.shorten(target, expires));
    }

    private Instant created(Notification notification) {
        return notification.createdAt() == null ? clock.instant() : notification.createdAt();
    }

    /**
     * The short link to the letter: its target is the signed download link, which expires {@link #LINK_LIFETIME}
     * after the notice was created (the same on every attempt); the short link expires with it.
     */
    private URI letterLink(Notification notification, String registrationId, int version) {
        Instant expires = created(notification).plus(LINK_LIFETIME);
        URI target = URI.create(publicApiUrl + "/api/public/letters/"
                + tokens.signDownload(registrationId, version, expires));
        return URI.create(shortLinkBaseUrl + "/l/" + shortLinks.shorten(target, expires));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
