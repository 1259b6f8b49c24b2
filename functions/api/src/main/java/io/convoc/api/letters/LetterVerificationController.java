package io.convoc.api.letters;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;

import io.convoc.api.problem.ApiException;
import io.convoc.core.event.Bilingual;
import io.convoc.core.letters.LetterCheck;
import io.convoc.core.letters.QrTokens;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The check-in desk's question: is this letter genuine, whose is it, and is it the current version? And the public
 * keys that answer the first part without a network: a letter's QR token is signed with Ed25519 ({@link QrTokens}).
 */
@Allowed(Role.PUBLIC)
@Controller("/api/verify")
public class LetterVerificationController {
    private final LetterCheck letters;
    private final QrTokens tokens;

    public LetterVerificationController(LetterCheck letters, QrTokens tokens) {
        this.letters = letters;
        this.tokens = tokens;
    }

    /** One public key as RFC 8037 writes it for JOSE ({@code kty} OKP, {@code crv} Ed25519). */
    @Serdeable
    public record Jwk(String kty, String crv, String kid, String x, String use, String alg) {
    }

    /** A JWK Set (RFC 7517 §5). */
    @Serdeable
    public record JwkSet(List<Jwk> keys) {
    }

    /**
     * The keys a check-in desk verifies QR tokens with, offline: every key still listed in the secret (letters signed
     * before a rotation stay valid), the current one first. A token {@code <id>.<version>.<kid>.<signature>} is
     * genuine when the signature (base64url) verifies, with the key {@code kid}, over the UTF-8 bytes of
     * {@code convoc-letter-qr:<id>.<version>.<kid>}.
     */
    @Allowed(Role.PUBLIC)
    @Get(uri = "/keys", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JwkSet> keys() {
        List<Jwk> keys = tokens.publicKeys().stream()
                .map(k -> new Jwk(k.kty(), k.crv(), k.kid(), k.x(), k.use(), k.alg())).toList();
        return HttpResponse.ok(new JwkSet(keys)).header("Cache-Control", "public, max-age=3600");
    }

    @Serdeable
    public record Verification(boolean genuine, boolean current, String registrationId, String eventId,
                               @Nullable String reference, int scannedVersion, int currentVersion,
                               @Nullable Bilingual civility, String latinName, String arabicName, Bilingual category,
                               String status) {
    }

    @Get("/{token}")
    public Verification verify(@PathVariable String token) {
        return letters.check(token).map(c -> {
            var r = c.registration();
            return new Verification(true, c.current(), r.id(), r.eventId(), c.reference(), c.scannedVersion(),
                    c.currentVersion(), r.civility() == null ? null : Messages.labels(r.civility()), r.name().latin(),
                    r.name().arabicName(), Messages.labels(r.category()), r.status().name());
        }).orElseThrow(() -> new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
    }

}
