package io.convoc.core.letters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signed links e-mailed to invitees: a letter's download link and a calendar link, each an HMAC-SHA256
 * (truncated to 128 bits) over what it names and a purpose ("download", "calendar"), with the key
 * {@code LETTER_TOKEN_KEY}; only the server checks them. The token in a letter's QR code is not one of them: it is
 * signed with Ed25519 ({@link QrTokens}) so that a check-in desk can verify it offline.
 */
public final class LetterTokens {
    private static final Pattern DOWNLOAD = Pattern.compile(
            "^([A-Za-z0-9-]{1,64})\\.([1-9][0-9]{0,5})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})$");
    private final byte[] key;

    public LetterTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the letter token key must have at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public record Verified(String registrationId, int version) {
    }

    /**
     * A link token for downloading a letter until {@code expires} (e-mails whose attachment would be too
     * large carry it). Signed apart from the calendar links ("download" is part of what is signed).
     */
    public String signDownload(String registrationId, int version, java.time.Instant expires) {
        String body = registrationId + "." + version + "." + expires.getEpochSecond();
        return body + "." + mac("download." + body);
    }

    /** The letter a genuine, unexpired download token names. */
    public Optional<Verified> verifyDownload(String token, java.time.Instant now) {
        var m = token == null ? null : DOWNLOAD.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String body = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (!MessageDigest.isEqual(mac("download." + body).getBytes(StandardCharsets.US_ASCII),
                m.group(4).getBytes(StandardCharsets.US_ASCII))
                || now.getEpochSecond() > Long.parseLong(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Verified(m.group(1), Integer.parseInt(m.group(2))));
    }

    private static final Pattern CALENDAR = Pattern.compile("^([0-9]{1,12})\\.([A-Za-z0-9_-]{22})$");

    /**
     * The token of a registration's calendar link ({@code /api/registrations/{id}/calendar.ics?token=…}), valid until
     * {@code expires}: {@code <expiry>.<mac>}, signed apart from letters ("calendar" is part of what is signed).
     */
    public String signCalendar(String registrationId, java.time.Instant expires) {
        String body = Long.toString(expires.getEpochSecond());
        return body + "." + mac("calendar." + registrationId + "." + body);
    }

    /** Whether {@code token} is a genuine, unexpired calendar token of this registration. */
    public boolean verifyCalendar(String registrationId, String token, java.time.Instant now) {
        var m = token == null || registrationId == null ? null : CALENDAR.matcher(token);
        if (m == null || !m.matches()) {
            return false;
        }
        return MessageDigest.isEqual(mac("calendar." + registrationId + "." + m.group(1))
                .getBytes(StandardCharsets.US_ASCII), m.group(2).getBytes(StandardCharsets.US_ASCII))
                && now.getEpochSecond() <= Long.parseLong(m.group(1));
    }

    private String mac(String message) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
