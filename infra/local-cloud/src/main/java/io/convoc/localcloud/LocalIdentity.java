package io.convoc.localcloud;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cognito, locally: a signing key (RS256, kept in the data folder so that printed tokens outlive a restart) that
 * issues tokens like a user pool's (issuer, audience = the app client, {@code cognito:groups}), and the checks API
 * Gateway's JWT authorizer makes on them: signature against the pool's keys, issuer, audience, expiry.
 */
public final class LocalIdentity {
    private final RSAKey key;
    private final String issuer;
    private final String audience;

    private LocalIdentity(RSAKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The pool the template's JWT authorizer names, with its key read from (or made in) {@code dir}. */
    public static LocalIdentity of(Path dir, String issuer, String audience) {
        Path file = dir.resolve("secrets").resolve("local-cognito-jwk.json");
        try {
            RSAKey key;
            if (Files.exists(file)) {
                key = RSAKey.parse(Files.readString(file));
            } else {
                key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("local-" + UUID.randomUUID())
                        .algorithm(JWSAlgorithm.RS256).generate();
                LocalFiles.writePrivate(file, key.toJSONString());
            }
            return new LocalIdentity(key, issuer, audience);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot make or read the local signing key " + file, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The pool's public keys, as {@code /.well-known/jwks.json} publishes them. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /**
     * A token for a user in {@code groups} (none: an authenticated caller with no role), valid for {@code lifetime}.
     */
    public String token(String userName, List<String> groups, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(UUID.nameUUIDFromBytes(userName.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .issuer(issuer)
                .audience(audience)
                .claim("cognito:username", userName)
                .claim("token_use", "id")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (!groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims API Gateway passes to the function, or empty when the authorizer would refuse the request
     * (no token, bad signature, other issuer or audience, expired). Claims are strings; a list is written
     * {@code [a b]}, as the HTTP API writes it.
     */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!key.getKeyID().equals(jwt.getHeader().getKeyID()) || !jwt.verify(new RSASSAVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            boolean audienceOk = claims.getAudience().contains(audience)
                    || audience.equals(claims.getClaim("client_id"));
            if (!issuer.equals(claims.getIssuer()) || !audienceOk || expires == null
                    || expires.toInstant().isBefore(Instant.now())) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> out.put(name, value instanceof List<?> list
                    ? "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]"
                    : value instanceof Date d ? Long.toString(d.toInstant().getEpochSecond()) : String.valueOf(value)));
            return Optional.of(out);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
