package io.convoc.core.letters;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrTokensTest {
    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String K1 = "Xq3vT9pLm2Rk8sWn4Yb7Zc1Hd6Jf0Ga5Ue2Io9Pa3Sd8Fg4H"; // as CloudFormation generates: 48
    static final String K2 = "Bn5Mk2Lp8Qr3St7Uv1Wx4Yz9Ab6Cd0Ef2Gh5Ij8Kl1Mn4Op7";
    private final QrTokens k1 = new QrTokens(Map.of("current", "k1", "k1", K1));

    @Test
    void aSignedTokenNamesItsRegistrationVersionAndKey() {
        String token = k1.sign(ID, 2);
        assertTrue(token.startsWith(ID + ".2.k1."), token);
        assertEquals(36 + 1 + 1 + 1 + 2 + 1 + 86, token.length(), "64-byte signature, base64url: 86 characters");
        assertEquals(Optional.of(new QrTokens.Verified(ID, 2, "k1")), k1.verify(token));
        assertEquals(token, k1.sign(ID, 2), "Ed25519 is deterministic: a replay prints the same QR");
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = k1.sign(ID, 1);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertTrue(k1.verify(token.replace(ID + ".1.", ID + ".2.")).isEmpty(), "another version");
        assertTrue(k1.verify(token.replace(ID, ID.replace('0', '1'))).isEmpty(), "another registration");
        assertTrue(k1.verify(token.replace(".k1.", ".k2.")).isEmpty(), "an unknown key id");
        char first = signature.charAt(0);
        assertTrue(k1.verify(token.replace("." + signature, "." + (first == 'A' ? 'B' : 'A')
                + signature.substring(1))).isEmpty(), "another signature");
        // the last of 86 characters carries 2 bits of the signature and 4 unused bits: the decoder would ignore them
        char last = signature.charAt(85);
        String respelled = token.substring(0, token.length() - 1) + (char) (last + 1);
        assertTrue(k1.verify(respelled).isEmpty(), "the same signature spelled another way");
        // R not a point of the curve (y >= p): the JDK throws rather than answer false
        byte[] notAPoint = Base64.getUrlDecoder().decode(signature);
        Arrays.fill(notAPoint, 0, 31, (byte) 0xff);
        notAPoint[31] = 0x7f;
        assertTrue(k1.verify(token.replace(signature, Base64.getUrlEncoder().withoutPadding().encodeToString(notAPoint)))
                .isEmpty(), "not a signature at all");
        assertTrue(k1.verify(token + "A").isEmpty());
        assertTrue(k1.verify(token.substring(0, token.length() - 1)).isEmpty());
        assertTrue(k1.verify("garbage").isEmpty());
        assertTrue(k1.verify(null).isEmpty());
        assertTrue(new QrTokens(Map.of("current", "k1", "k1", K2)).verify(token).isEmpty(), "another key named k1");
    }

    @Test
    void lettersSignedBeforeARotationStayValid() {
        String old = k1.sign(ID, 1);
        QrTokens rotated = new QrTokens(Map.of("current", "k2", "k1", K1, "k2", K2));
        assertEquals("k2", rotated.currentKeyId());
        assertEquals(Optional.of(new QrTokens.Verified(ID, 1, "k1")), rotated.verify(old));
        String fresh = rotated.sign(ID, 2);
        assertTrue(fresh.startsWith(ID + ".2.k2."), fresh);
        assertEquals(Optional.of(new QrTokens.Verified(ID, 2, "k2")), rotated.verify(fresh));
        assertTrue(k1.verify(fresh).isEmpty(), "a key the verifier does not know");
        // a k1 signature relabelled as k2
        assertTrue(rotated.verify(old.replace(".k1.", ".k2.")).isEmpty());
        // once k1 is withdrawn, its letters no longer verify
        QrTokens withdrawn = new QrTokens(Map.of("current", "k2", "k2", K2));
        assertTrue(withdrawn.verify(old).isEmpty());
        assertTrue(withdrawn.verify(fresh).isPresent());
        assertEquals(List.of("k2", "k1"), rotated.publicKeys().stream().map(QrTokens.PublicJwk::kid).toList(),
                "the current key first");
    }

    @Test
    void theKeyIsTheEd25519KeyWhoseSeedIsTheSha256OfTheSecretAndTheMessageHasAPurpose() throws Exception {
        // what a second implementation would do, from the secret and the documented message alone
        byte[] seed = MessageDigest.getInstance("SHA-256").digest(K1.getBytes(StandardCharsets.UTF_8));
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        String body = ID + ".3.k1";
        assertEquals(body + "." + sign(privateKey, "convoc-letter-qr:" + body), k1.sign(ID, 3));
        // the same key signing the same text without the purpose is not a QR token
        assertTrue(k1.verify(body + "." + sign(privateKey, body)).isEmpty());
        assertTrue(k1.verify(body + "." + sign(privateKey, "download." + body)).isEmpty());
    }

    @Test
    void thePublishedKeyIsTheRfc8032EncodingOfThePoint() throws Exception {
        QrTokens.PublicJwk jwk = k1.publicKeys().get(0);
        assertEquals(List.of("k1", "OKP", "Ed25519", "sig", "EdDSA"),
                List.of(jwk.kid(), jwk.kty(), jwk.crv(), jwk.use(), jwk.alg()));
        byte[] x = Base64.getUrlDecoder().decode(jwk.x());
        assertEquals(32, x.length);
        assertEquals(43, jwk.x().length());
        // the JDK's X.509 encoding ends with the same 32 bytes (RFC 8410)
        byte[] seed = MessageDigest.getInstance("SHA-256").digest(K1.getBytes(StandardCharsets.UTF_8));
        byte[] x509 = QrTokens.keyPair(K1).getPublic().getEncoded();
        assertArrayEquals(Arrays.copyOfRange(x509, x509.length - 32, x509.length), x);
        assertArrayEquals(seed, ((java.security.interfaces.EdECPrivateKey) QrTokens.keyPair(K1).getPrivate())
                .getBytes().orElseThrow());
        // and the key rebuilt from x verifies a token
        String token = k1.sign(ID, 1);
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(publicKey(x));
        ed.update(("convoc-letter-qr:" + token.substring(0, token.lastIndexOf('.'))).getBytes(StandardCharsets.UTF_8));
        assertTrue(ed.verify(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1))));
    }

    @Test
    void rfc8032TestVector1() throws Exception {
        // RFC 8032 §7.1, TEST 1: the encoding of the public key matches the RFC's
        var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
        byte[] secret = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        generator.initialize(NamedParameterSpec.ED25519, new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(secret, 0, bytes, 0, 32);
            }
        });
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HexFormat.of().formatHex(QrTokens.rawPublicKey(generator.generateKeyPair().getPublic())));
    }

    @Test
    void theSecretMustNameItsCurrentKeyAndHoldLongEnoughKeysAndOnlyWellFormedTokensAreSigned() {
        assertThrows(IllegalArgumentException.class, () -> new QrTokens(Map.of("k1", K1)));
        assertThrows(IllegalArgumentException.class, () -> new QrTokens(Map.of("current", "k2", "k1", K1)));
        assertThrows(IllegalArgumentException.class, () -> new QrTokens(Map.of("current", "k1", "k1", "short")));
        assertThrows(IllegalArgumentException.class, () -> new QrTokens(Map.of("current", "k.1", "k.1", K1)));
        assertThrows(IllegalArgumentException.class, () -> new QrTokens(null));
        assertFalse(new QrTokens(Map.of("current", "k1", "k1", K1, "k2", K2)).publicKeys().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> k1.sign("r.1", 1), "an id that would change the fields");
        assertThrows(IllegalArgumentException.class, () -> k1.sign(ID, 0));
    }

    /** RFC 8032 §5.1.3: y little-endian, the top bit of the last byte the sign of x. */
    static PublicKey publicKey(byte[] x) throws Exception {
        byte[] le = x.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
    }

    private static String sign(PrivateKey key, String message) throws Exception {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(key);
        ed.update(message.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ed.sign());
    }
}
