package io.convoc.emailsender;

import io.convoc.aws.snapstart.Priming;
import io.convoc.core.event.WarmUpSample;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.notices.Confirmation;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.LetterFile;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Before the snapshot: a throw-away confirmation composed (templates, bundles, the calendar part, the MIME with a
 * PDF: Thymeleaf, OGNL, ical4j and Jakarta Mail, ~0.7 s of a first send) and a real read of a notice that cannot
 * exist (the SDK's DynamoDB pipeline). Nothing is sent or written.
 */
@Singleton
public class EmailPriming implements Priming {
    private final EmailComposer composer;
    private final NotificationRepository notifications;
    private int composedBytes;

    public EmailPriming(EmailComposer composer, NotificationRepository notifications) {
        this.composer = composer;
        this.notifications = notifications;
    }

    @Override
    public String what() {
        return "confirmation e-mail composed, notice read";
    }

    @Override
    public void prime() {
        byte[] pdf = "%PDF-1.7\n% priming, never sent\n".getBytes(StandardCharsets.US_ASCII);
        composedBytes = composer.compose(new Confirmation(WarmUpSample.programme(), WarmUpSample.registration()),
                LetterFile.of("WARM-UP/0001", pdf, () -> URI.create("https://example.invalid/letter"))).raw().length;
        notifications.find(WarmUpSample.registration().id(), "PRIMING");
    }

    /** The size of the e-mail composed (a real MIME message, thrown away); 0 before priming. */
    int composedBytes() {
        return composedBytes;
    }
}
