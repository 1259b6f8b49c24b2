package io.convoc.aws.config;

import io.convoc.core.letters.LetterTokens;
import io.convoc.core.letters.QrTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The keys a function signs or checks with, read from Secrets Manager when the function starts (its init, before
 * a SnapStart snapshot): the template gives a function the secret's ARN, never its value, and only the functions
 * that use a key may read its secret. A function holds what it read for its lifetime: a rotated key reaches new
 * instances (publish a new version to roll every one over at once).
 */
@Factory
@Requires(classes = SecretsManagerClient.class)
public class SecretsFactory {

    @Singleton
    SecretsManagerClient secretsManagerClient(SdkHttpClient http) {
        return SecretsManagerClient.builder().httpClient(http).build();
    }

    /** Signs and verifies the e-mailed links (download, calendar, unsubscribe): HMAC, {@code LetterTokenSecret}. */
    @Singleton
    LetterTokens letterTokens(SecretsManagerClient secrets, @Value("${LETTER_TOKEN_SECRET}") String secretId) {
        return new LetterTokens(secretString(secrets, secretId));
    }

    /** The letters' QR keys (Ed25519 seeds by key id, {@code LetterSigningSecret}). */
    @Singleton
    QrTokens qrTokens(SecretsManagerClient secrets, @Value("${LETTER_SIGNING_SECRET}") String secretId,
                      JsonMapper json) {
        return LetterSigningKeys.qrTokens(secretString(secrets, secretId), json);
    }

    static String secretString(SecretsManagerClient secrets, String secretId) {
        try {
            String value = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("secret " + secretId + " has no string value");
            }
            return value;
        } catch (SecretsManagerException e) {
            // the message names the secret and the reason (not found, access denied), never a value
            throw new IllegalStateException("cannot read secret " + secretId + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()), e);
        }
    }
}
