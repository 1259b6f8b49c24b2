package io.convoc.core.letters;

import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.util.Optional;

/**
 * What a check-in desk learns from a letter's QR code: whose letter it is and whether it is the current
 * version. Nothing else: no contact data leaves through this door.
 */
public class LetterCheck {
    private final QrTokens tokens;
    private final RegistrationRepository registrations;

    public LetterCheck(QrTokens tokens, RegistrationRepository registrations) {
        this.tokens = tokens;
        this.registrations = registrations;
    }

    /** The letter a genuine token names, with its registration as it stands now. */
    public record Checked(Registration registration, int scannedVersion, int currentVersion, String reference) {
        public boolean current() {
            return scannedVersion == currentVersion;
        }
    }

    /** Empty for a forged or altered token, or one naming no registration. */
    public Optional<Checked> check(String token) {
        return tokens.verify(token).flatMap(v -> registrations.find(v.registrationId()).map(r -> new Checked(r,
                v.version(), r.currentLetter().map(LetterInfo::version).orElse(0),
                r.currentLetter().map(LetterInfo::reference).orElse(null))));
    }
}
