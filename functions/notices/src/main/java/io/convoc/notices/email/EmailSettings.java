package io.convoc.notices.email;

import io.convoc.notices.PlainValues;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What every notice email shares: who sends it, where replies go, how large a message may be before the letter
 * becomes a link, and the base URL that relative letter links are resolved against. Immutable.
 */
public final class EmailSettings {
    /** SES accepts larger raw messages, but many receiving servers refuse more than 10 MB once encoded. */
    public static final long DEFAULT_MAX_RAW_BYTES = 10L * 1024 * 1024;

    private final String fromAddress;
    private final String fromName;
    private final String replyTo;
    private final long maxRawBytes;
    private final URI letterBaseUrl;

    private EmailSettings(Builder b) {
        this.fromAddress = checkedAddress(Objects.requireNonNull(b.fromAddress, "from address"), "from");
        this.fromName = PlainValues.oneLine(b.fromName);
        this.replyTo = b.replyTo == null || b.replyTo.isBlank() ? null : checkedAddress(b.replyTo, "reply-to");
        if (b.maxRawBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxRawBytes is too small to hold a notice: " + b.maxRawBytes);
        }
        this.maxRawBytes = b.maxRawBytes;
        if (b.letterBaseUrl != null) {
            EmailLinks.requireWebUrl(b.letterBaseUrl, "letterBaseUrl");
        }
        this.letterBaseUrl = b.letterBaseUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The From header, e.g. {@code "Assises de la régionalisation" <noreply@example.ma>}; a fresh copy each time. */
    public InternetAddress from() {
        return address(fromAddress, fromName);
    }

    public Optional<InternetAddress> replyTo() {
        return replyTo == null ? Optional.empty() : Optional.of(address(replyTo, ""));
    }

    public long maxRawBytes() {
        return maxRawBytes;
    }

    public Optional<URI> letterBaseUrl() {
        return Optional.ofNullable(letterBaseUrl);
    }

    /** The domain of the From address, used for Message-IDs. */
    String fromDomain() {
        return fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    static InternetAddress address(String address, String personal) {
        try {
            InternetAddress a = new InternetAddress(address, personal.isEmpty() ? null : personal,
                    StandardCharsets.UTF_8.name());
            a.validate();
            return a;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid address: " + e.getMessage(), e);
        }
    }

    private static String checkedAddress(String address, String what) {
        String a = address.strip();
        try {
            InternetAddress parsed = new InternetAddress(a, true);
            parsed.validate();
            if (!a.equals(parsed.getAddress()) || a.indexOf('@') < 1) {
                throw new AddressException("not a bare address", a);
            }
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid " + what + " address: " + address, e);
        }
    }

    public static final class Builder {
        private String fromAddress;
        private String fromName = "";
        private String replyTo;
        private long maxRawBytes = DEFAULT_MAX_RAW_BYTES;
        private URI letterBaseUrl;

        private Builder() {
        }

        /** The sender: a bare address (verified in SES) and the name mail clients show, e.g. both languages. */
        public Builder from(String address, String name) {
            this.fromAddress = address;
            this.fromName = name;
            return this;
        }

        public Builder replyTo(String address) {
            this.replyTo = address;
            return this;
        }

        public Builder maxRawBytes(long bytes) {
            this.maxRawBytes = bytes;
            return this;
        }

        /** Base for relative letter links, e.g. {@code https://convoc.example.ma/api/}; http(s) only. */
        public Builder letterBaseUrl(URI url) {
            this.letterBaseUrl = url;
            return this;
        }

        public EmailSettings build() {
            return new EmailSettings(this);
        }
    }
}
