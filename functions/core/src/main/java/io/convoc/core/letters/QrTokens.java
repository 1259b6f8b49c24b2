package io.convoc.core.letters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The token printed in a letter's QR code, signed with Ed25519 so that anyone holding the published public keys (a
 * check-in desk without a network) can verify it:
 * <pre>{@code <registrationId>.<version>.<kid>.<signature>}</pre>
 * where the signature (64 bytes, base64url without padding, 86 characters) is over the UTF-8 bytes of
 * {@link #PURPOSE} followed by the token's first three fields as printed ({@code convoc-letter-qr:<id>.<version>.<kid>}).
 * The purpose prefix keeps a signature from ever being taken for another kind of token; the key id names the key
 * that signed, so that letters signed before a rotation stay valid.
 *
 * <p>Keys come from one secret, a flat JSON object {@code {"current":"k1","k1":"<random>","k2":"<random>"}}: every
 * entry but {@code current} is a key id and a random string; its Ed25519 key pair is derived from the SHA-256 of that
 * string (the 32-byte private key of RFC 8032). New letters are signed with {@code current}; every key listed
 * verifies. No contact data is in the token.
 */
public final class QrTokens {
    /** Prefix of every signed message: what the signature is for. */
    public static final String PURPOSE = "convoc-letter-qr:";
    /** The secret's entry that names the key new letters are signed with. */
    public static final String CURRENT = "current";
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_-]{1,16}$");
    /** What is signed (after the purpose): registration id, letter version, key id. */
    private static final String BODY = "([A-Za-z0-9-]{1,64})\\.([1-9][0-9]{0,5})\\.([A-Za-z0-9_-]{1,16})";
    private static final Pattern SIGNED = Pattern.compile("^" + BODY + "$");
    private static final Pattern SHAPE = Pattern.compile("^" + BODY + "\\.([A-Za-z0-9_-]{86})$");

    private final String current;
    private final Map<String, KeyPair> keys;

    /**
     * @param secret the key secret's entries: {@code current} and, for each key id, its random string
     * @throws IllegalArgumentException when {@code current} is missing or names no key, a key id is not 1–16 letters,
     *         digits, {@code -} or {@code _}, or a key's random string is shorter than 32 characters
     */
    public QrTokens(Map<String, String> secret) {
        if (secret == null) {
            throw new IllegalArgumentException("no letter signing keys");
        }
        Map<String, KeyPair> pairs = new LinkedHashMap<>();
        new TreeMap<>(secret).forEach((kid, value) -> {
            if (kid.equals(CURRENT)) {
                return;
            }
            if (!KEY_ID.matcher(kid).matches()) {
                throw new IllegalArgumentException("letter signing key id \"" + kid
                        + "\": 1 to 16 letters, digits, - or _");
            }
            if (value == null || value.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("letter signing key " + kid + " must have at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            pairs.put(kid, keyPair(value));
        });
        String currentKid = secret.get(CURRENT);
        if (currentKid == null || !pairs.containsKey(currentKid)) {
            throw new IllegalArgumentException("the letter signing keys' \"current\" must name one of its keys "
                    + pairs.keySet());
        }
        this.current = currentKid;
        this.keys = Map.copyOf(pairs);
    }

    public record Verified(String registrationId, int version, String keyId) {
    }

    /** A verification key as a JWK of RFC 8037: {@code x} is the 32-byte public key (RFC 8032 encoding), base64url. */
    public record PublicJwk(String kid, String x) {
        public String kty() {
            return "OKP";
        }

        public String crv() {
            return "Ed25519";
        }

        public String use() {
            return "sig";
        }

        public String alg() {
            return "EdDSA";
        }
    }

    /** The key id new letters are signed with. */
    public String currentKeyId() {
        return current;
    }

    public String sign(String registrationId, int version) {
        String body = registrationId + "." + version + "." + current;
        if (!SIGNED.matcher(body).matches()) {
            throw new IllegalArgumentException("cannot sign a QR token for " + registrationId + " v" + version);
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(keys.get(current).getPrivate());
            ed.update(message(body));
            return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The registration and letter version a genuine token names; empty for a forged or altered token, or one
     * signed with a key that is not (or no longer) listed.
     */
    public Optional<Verified> verify(String token) {
        var m = token == null ? null : SHAPE.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        KeyPair pair = keys.get(m.group(3));
        if (pair == null) {
            return Optional.empty();
        }
        byte[] signature = Base64.getUrlDecoder().decode(m.group(4));
        // one spelling per signature: the last character's unused bits must be zero (the decoder ignores them)
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(m.group(4))) {
            return Optional.empty();
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(pair.getPublic());
            ed.update(message(token.substring(0, token.lastIndexOf('.'))));
            if (!ed.verify(signature)) {
                return Optional.empty();
            }
        } catch (java.security.SignatureException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(new Verified(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
    }

    /** The public keys of every listed key, the current one first: what a check-in desk needs to verify offline. */
    public List<PublicJwk> publicKeys() {
        List<PublicJwk> out = new ArrayList<>();
        out.add(jwk(current));
        keys.keySet().stream().filter(kid -> !kid.equals(current)).sorted().forEach(kid -> out.add(jwk(kid)));
        return out;
    }

    private PublicJwk jwk(String kid) {
        return new PublicJwk(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey(
                keys.get(kid).getPublic())));
    }

    /**
     * RFC 8032 §5.1.2: the 32-byte little-endian encoding of y, with the most significant bit of the last byte set
     * to the low bit of x.
     */
    static byte[] rawPublicKey(PublicKey key) {
        var point = ((EdECPublicKey) key).getPoint();
        byte[] bigEndian = point.getY().toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static byte[] message(String body) {
        return (PURPOSE + body).getBytes(StandardCharsets.UTF_8);
    }

    /** The key pair whose private key (RFC 8032's 32-byte seed) is the SHA-256 of {@code secret}. */
    static KeyPair keyPair(String secret) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new Seed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the generator the seed as its "random" private key: the JDK draws exactly the key's 32 bytes. */
    private static final class Seed extends SecureRandom {
        private final byte[] seed;

        Seed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("an Ed25519 key generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
