package io.convoc.aws.config;

import io.convoc.core.letters.LetterTokens;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The functions' keys come from Secrets Manager (the local cloud's emulator), found by the ARN the template gives. */
@ExtendWith(LocalCloudExtension.class)
class SecretsFactoryTest {
    private static LocalCloud cloud;
    private static SecretsManagerClient secrets;
    private final SecretsFactory factory = new SecretsFactory();

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        secrets = new SecretsFactory().secretsManagerClient(UrlConnectionHttpClient.create());
    }

    @AfterAll
    static void stop() {
        secrets.close();
    }

    @Test
    void theLinkKeyIsReadFromItsSecretAndTheEnvironmentHoldsOnlyItsArn() {
        String arn = cloud.functionEnvironment().get("LETTER_TOKEN_SECRET");
        assertTrue(arn.startsWith("arn:aws:secretsmanager:"), arn);
        String key = cloud.secretValue("LetterTokenSecret");
        assertFalse(cloud.functionEnvironment().values().stream().anyMatch(v -> v.contains(key)),
                "the key is in some function's environment");

        LetterTokens tokens = factory.letterTokens(secrets, arn);
        String token = tokens.signDownload("r-1", 2, Instant.now().plusSeconds(60));
        // what the api checks with the key itself
        assertEquals(new LetterTokens.Verified("r-1", 2),
                new LetterTokens(key).verifyDownload(token, Instant.now()).orElseThrow());
    }

    @Test
    void theQrKeysAreReadFromTheirSecret() {
        // parsed by LetterSigningKeys (the api and on-registration tests sign and verify letters with them)
        String keys = SecretsFactory.secretString(secrets, cloud.functionEnvironment().get("LETTER_SIGNING_SECRET"));
        assertTrue(keys.startsWith("{\"current\":\"k1\",\"k1\":\""), keys.substring(0, 12));
        assertFalse(cloud.functionEnvironment().values().stream()
                .anyMatch(v -> v.contains(cloud.secretValue("LetterSigningSecret"))));
    }

    @Test
    void aSecretThatCannotBeReadStopsTheStartNamingTheSecretAndTheReason() {
        String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:NoSuchSecret";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory.letterTokens(secrets, arn));
        assertEquals("cannot read secret " + arn + ": ResourceNotFoundException", e.getMessage());
    }
}
