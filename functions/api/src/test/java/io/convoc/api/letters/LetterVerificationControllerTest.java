package io.convoc.api.letters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.letters.QrTokens;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check-in desk's routes: the public keys (JWK Set) and the online verification of a QR token. */
@ExtendWith(LocalCloudExtension.class)
class LetterVerificationControllerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHandler handler;
    private static RegistrationTable registrations;
    private static QrTokens signer;

    private static String signingSecret;
    private static String tokenSecret;

    @BeforeAll
    static void start(LocalCloud cloud) throws Exception {
        signingSecret = cloud.secretValue("LetterSigningSecret");
        tokenSecret = cloud.secretValue("LetterTokenSecret");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        // the local cloud's LetterSigningSecret, as the on-registration function signs with it
        signer = new QrTokens(JSON.readValue(signingSecret,
                new TypeReference<Map<String, String>>() { }));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static APIGatewayV2HTTPResponse get(String path) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("verify-keys.json");
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static Registration registered() {
        Instant now = Instant.now();
        Registration r = new Registration(UUID.randomUUID().toString(), "assises-2024", Civility.MADAME,
                new PersonName("Nadia", "Berrada", "نادية برادة"), "Directrice", "مديرة", Category.EXPERT,
                "Ministère de l’Intérieur", null, UUID.randomUUID() + "@example.ma", "+212612345678", null,
                List.of("ws-numerique"), RegistrationSource.FORM, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        return r;
    }

    @Test
    void theKeysArePublishedAsACacheableJwkSet() throws Exception {
        APIGatewayV2HTTPResponse r = get("/api/verify/keys");
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("public, max-age=3600", r.getHeaders().get("Cache-Control"));
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"), r.getHeaders().toString());
        JsonNode keys = JSON.readTree(r.getBody()).get("keys");
        assertEquals(1, keys.size(), r.getBody());
        JsonNode key = keys.get(0);
        assertEquals(Map.of("kty", "OKP", "crv", "Ed25519", "kid", "k1", "use", "sig", "alg", "EdDSA"),
                Map.of("kty", key.get("kty").asText(), "crv", key.get("crv").asText(), "kid", key.get("kid").asText(),
                        "use", key.get("use").asText(), "alg", key.get("alg").asText()));
        assertEquals(32, Base64.getUrlDecoder().decode(key.get("x").asText()).length);
        assertFalse(r.getBody().contains("\"d\""), "no private part");
        assertFalse(r.getBody().contains(signingSecret.replaceAll(".*\"k1\":\"([^\"]+)\".*",
                "$1")), "not the secret");
    }

    @Test
    void aTokenVerifiesOnlineAndWithThePublishedKeyAlone() throws Exception {
        Registration r = registered();
        String token = signer.sign(r.id(), 1);

        APIGatewayV2HTTPResponse online = get("/api/verify/" + token);
        assertEquals(200, online.getStatusCode(), online.getBody());
        JsonNode answer = JSON.readTree(online.getBody());
        assertTrue(answer.get("genuine").asBoolean());
        assertEquals(r.id(), answer.get("registrationId").asText());
        assertEquals(1, answer.get("scannedVersion").asInt());
        assertFalse(online.getBody().contains(r.email()), "no contact data");

        JsonNode jwks = JSON.readTree(get("/api/verify/keys").getBody());
        assertTrue(verifiesOffline(jwks, token));
        String tampered = token.replace(r.id() + ".1.", r.id() + ".2.");
        assertFalse(verifiesOffline(jwks, tampered));
        assertEquals(404, get("/api/verify/" + tampered).getStatusCode());
    }

    @Test
    void theOldHmacTokensAndOtherLinksAreNotQrTokens() {
        Registration r = registered();
        LetterTokens links = new LetterTokens(tokenSecret);
        assertEquals(404, get("/api/verify/" + links.signDownload(r.id(), 1, Instant.now().plusSeconds(60)))
                .getStatusCode());
        // the HMAC QR format of before (<id>.<version>.<22 characters>) is refused: no letter was in production
        assertEquals(404, get("/api/verify/" + r.id() + ".1.AAAAAAAAAAAAAAAAAAAAAA").getStatusCode());
        assertEquals(404, get("/api/verify/" + UUID.randomUUID() + ".1.k1." + "A".repeat(86)).getStatusCode());
    }

    /** A check-in desk without a network: the JWK Set and the JDK, nothing of convoc. */
    static boolean verifiesOffline(JsonNode jwks, String token) throws Exception {
        String[] parts = token.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        for (JsonNode jwk : jwks.get("keys")) {
            if (jwk.get("kid").asText().equals(parts[2]) && jwk.get("kty").asText().equals("OKP")
                    && jwk.get("crv").asText().equals("Ed25519")) {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(publicKey(Base64.getUrlDecoder().decode(jwk.get("x").asText())));
                ed.update(("convoc-letter-qr:" + parts[0] + "." + parts[1] + "." + parts[2])
                        .getBytes(StandardCharsets.UTF_8));
                try {
                    return ed.verify(Base64.getUrlDecoder().decode(parts[3]));
                } catch (java.security.SignatureException e) {
                    return false; // not a signature at all (R is not a point of the curve)
                }
            }
        }
        return false;
    }

    /** RFC 8032 §5.1.3: x is y in little-endian order, the top bit of its last byte the parity of the point's x. */
    static PublicKey publicKey(byte[] x) throws Exception {
        boolean xOdd = (x[31] & 0x80) != 0;
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = x[31 - i];
        }
        bigEndian[0] &= 0x7f;
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                new EdECPoint(xOdd, new BigInteger(1, bigEndian))));
    }
}
