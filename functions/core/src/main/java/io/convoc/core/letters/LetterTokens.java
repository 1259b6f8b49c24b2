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
 * The signed links e-mailed to invitees: a letter's download link, a calendar link and the unsubscribe link of
 * announcements, each an HMAC-SHA256 (truncated to 128 bits) over what it names and a purpose ("download",
 * "calendar", "unsubscribe"), with the key
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

    private static final Pattern UNSUBSCRIBE = Pattern.compile(
            "^([A-Za-z0-9-]{1,64})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})$");

    /** How long the unsubscribe link of an announcement e-mail works: a year, as mails are read long after. */
    public static final java.time.Duration UNSUBSCRIBE_LIFETIME = java.time.Duration.ofDays(365);

    /**
     * The token of the one-click unsubscribe link of an announcement e-mail ({@code /api/public/unsubscribe/{token}}):
     * {@code <registrationId>.<expiry>.<mac>}, the mac over the registration, the address the e-mail went to (case
     * folded) and the expiry, signed apart from letters and calendars ("unsubscribe" is part of what is signed). The
     * address is signed, not written: the link carries no contact data, and it opts out only the address it was sent
     * to (not another one the registration has since been given).
     */
    public String signUnsubscribe(String registrationId, String address, java.time.Instant expires) {
        String body = registrationId + "." + expires.getEpochSecond();
        return body + "." + mac(unsubscribeMessage(registrationId, address, expires.getEpochSecond()));
    }

    /**
     * The address a genuine, unexpired unsubscribe token opts out.
     *
     * @param addressOf the address of a registration now (empty when it no longer exists); asked only for a token
     *                  that is well formed and unexpired
     */
    public Optional<String> verifyUnsubscribe(String token, java.util.function.Function<String, Optional<String>> addressOf,
                                              java.time.Instant now) {
        var m = token == null ? null : UNSUBSCRIBE.matcher(token);
        if (m == null || !m.matches() || now.getEpochSecond() > Long.parseLong(m.group(2))) {
            return Optional.empty();
        }
        String registrationId = m.group(1);
        long expires = Long.parseLong(m.group(2));
        return addressOf.apply(registrationId).filter(address -> MessageDigest.isEqual(
                mac(unsubscribeMessage(registrationId, address, expires)).getBytes(StandardCharsets.US_ASCII),
                m.group(3).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String unsubscribeMessage(String registrationId, String address, long expires) {
        return "unsubscribe." + registrationId + "." + address.strip().toLowerCase(java.util.Locale.ROOT) + "." + expires;
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
