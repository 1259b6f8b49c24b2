package io.convoc.emailsender;

import io.convoc.core.event.WarmUpSample;
import io.convoc.notices.Confirmation;
import io.convoc.notices.email.EmailComposer;
import io.convoc.notices.email.LetterFile;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Composes a throw-away confirmation e-mail while the function starts (templates, message bundles, the calendar
 * part, the MIME with a PDF attached), so that Thymeleaf, OGNL, ical4j and Jakarta Mail are loaded and warm in the
 * SnapStart snapshot instead of in the first invitee's send (about 0.7 s measured). Nothing is sent.
 */
@Context
public class MailWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(MailWarmUp.class);
    private final int bytes;

    public MailWarmUp(EmailComposer composer) {
        long start = System.nanoTime();
        byte[] pdf = "%PDF-1.7\n% warm-up, never sent\n".getBytes(StandardCharsets.US_ASCII);
        this.bytes = composer.compose(new Confirmation(WarmUpSample.programme(), WarmUpSample.registration()),
                LetterFile.of("WARM-UP/0001", pdf, () -> URI.create("https://example.invalid/letter"))).raw().length;
        LOG.info("e-mail composer warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The size of the e-mail composed at start (a real MIME message, thrown away). */
    int composedBytes() {
        return bytes;
    }
}
