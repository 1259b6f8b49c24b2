package io.convoc.core.links;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The codes of short links: {@value #LENGTH} base62 characters derived from the target (SHA-256 of its text, read as
 * a number). The targets carry a secret signature, so a code cannot be guessed from what it names; the same target
 * always gives the same code, so a retried SMS writes the item it wrote before.
 *
 * <p>Eight characters (62⁸ ≈ 2.2·10¹⁴ codes, 47.6 bits): what lets an Arabic confirmation fit two SMS parts with a
 * short production domain (see the README, SMS). Two targets whose first codes collide are told apart by the
 * {@code attempt}: the store tries the next one when a code is taken by another target.
 */
public final class ShortCodes {
    public static final int LENGTH = 8;
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern WELL_FORMED = Pattern.compile("^[0-9A-Za-z]{" + LENGTH + "}$");
    private static final long SPACE = pow(ALPHABET.length(), LENGTH);

    private ShortCodes() {
    }

    /** The code of {@code target}. */
    public static String of(URI target) {
        return of(target, 0);
    }

    /**
     * The code of {@code target} at try {@code attempt} (0 first; a later attempt when the earlier code is taken by
     * another target).
     */
    public static String of(URI target, int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: " + attempt);
        }
        String text = target.toASCIIString() + (attempt == 0 ? "" : "#" + attempt);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // 63 bits of the digest, reduced to the code space (the bias is below 2^-15)
        long n = Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong() >>> 1, SPACE);
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = ALPHABET.charAt((int) (n % ALPHABET.length()));
            n /= ALPHABET.length();
        }
        return new String(code);
    }

    /** Whether {@code code} has the shape of a code (checked before any look-up). */
    public static boolean isWellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }
}
