package io.convoc.aws.config;

import io.convoc.core.letters.QrTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * The QR signing keys from their secret ({@code LetterSigningSecret}, read at init by {@link SecretsFactory}): a flat
 * JSON object {@code {"current":"k1","k1":"<random>"}}, as Secrets Manager
 * generates it from the template's {@code SecretStringTemplate}; an operator rotates by adding {@code "k2"} and
 * pointing {@code current} at it. Only the functions that sign or verify letters (on-registration, api) may read it.
 */
public final class LetterSigningKeys {
    private LetterSigningKeys() {
    }

    public static QrTokens qrTokens(String secretJson, JsonMapper json) {
        Map<String, String> entries;
        try {
            entries = json.readValue(secretJson == null ? "" : secretJson, Argument.mapOf(String.class, String.class));
        } catch (IOException | RuntimeException e) {
            // no cause: a parser's message quotes the input, and the input is a secret
            throw new IllegalStateException("the letter signing secret is not a JSON object of strings ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new QrTokens(entries);
    }
}
