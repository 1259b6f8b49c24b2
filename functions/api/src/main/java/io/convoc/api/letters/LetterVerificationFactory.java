package io.convoc.api.letters;

import io.convoc.aws.config.LetterSigningKeys;
import io.convoc.core.letters.LetterCheck;
import io.convoc.core.letters.QrTokens;
import io.convoc.core.ports.RegistrationRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** The letters' QR keys (Ed25519, from {@code LetterSigningSecret}): the api verifies tokens and publishes the keys. */
@Factory
public class LetterVerificationFactory {

    @Singleton
    QrTokens qrTokens(@Value("${LETTER_SIGNING_KEYS}") String keys, JsonMapper json) {
        return LetterSigningKeys.qrTokens(keys, json);
    }

    @Singleton
    LetterCheck letterCheck(QrTokens tokens, RegistrationRepository registrations) {
        return new LetterCheck(tokens, registrations);
    }
}
