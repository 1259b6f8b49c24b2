package io.convoc.api.letters;

import io.convoc.core.letters.LetterCheck;
import io.convoc.core.letters.QrTokens;
import io.convoc.core.ports.RegistrationRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The api checks letters with the QR keys ({@code LetterSigningSecret}, read by {@code SecretsFactory}). */
@Factory
public class LetterVerificationFactory {

    @Singleton
    LetterCheck letterCheck(QrTokens tokens, RegistrationRepository registrations) {
        return new LetterCheck(tokens, registrations);
    }
}
