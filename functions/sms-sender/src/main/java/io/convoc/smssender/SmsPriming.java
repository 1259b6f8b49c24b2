package io.convoc.smssender;

import io.convoc.aws.snapstart.Priming;
import io.convoc.core.event.WarmUpSample;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.notices.Confirmation;
import io.convoc.notices.sms.SmsComposer;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Before the snapshot: a throw-away confirmation SMS composed in both languages (bundles, GSM/UCS-2 counting) and a
 * real read of a notice that cannot exist (the SDK's DynamoDB pipeline). Nothing is sent or written.
 */
@Singleton
public class SmsPriming implements Priming {
    private final NotificationRepository notifications;
    private int parts;

    public SmsPriming(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @Override
    public String what() {
        return "confirmation SMS composed, notice read";
    }

    @Override
    public void prime() {
        parts = new SmsComposer().compose(new Confirmation(WarmUpSample.programme(), WarmUpSample.registration()),
                URI.create("https://example.invalid/l/PRIMING")).totalParts();
        notifications.find(WarmUpSample.registration().id(), "PRIMING");
    }

    /** The parts of the SMS composed (thrown away); 0 before priming. */
    int composedParts() {
        return parts;
    }
}
