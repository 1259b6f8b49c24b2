package io.convoc.onregistration;

import io.convoc.aws.snapstart.Priming;
import io.convoc.core.event.WarmUpSample;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.letters.LetterRenderer;
import jakarta.inject.Singleton;

/**
 * Before the snapshot: the fonts parsed (~160 ms) and a made-up letter rendered (the first letter's ~500 ms), then a
 * real read of a registration that cannot exist (the SDK's DynamoDB pipeline), so the first invitee of each new
 * execution environment pays neither. Nothing is stored.
 */
@Singleton
public class LetterPriming implements Priming {
    private final RegistrationRepository registrations;

    public LetterPriming(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public String what() {
        return "letter rendered, registration read";
    }

    @Override
    public void prime() {
        LetterRenderer.shared().warmUp();
        registrations.find(WarmUpSample.registration().id());
    }
}
