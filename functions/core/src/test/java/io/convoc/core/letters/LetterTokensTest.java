package io.convoc.core.letters;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterTokensTest {
    private final LetterTokens tokens = new LetterTokens("a-test-key-of-enough-length");

    @Test
    void aDownloadTokenSignedWithAnotherKeyIsRefused() {
        Instant expires = Instant.parse("2024-12-01T00:00:00Z");
        String token = tokens.signDownload("r1", 1, expires);
        assertTrue(new LetterTokens("another-key-of-enough-length").verifyDownload(token, expires.minusSeconds(1))
                .isEmpty());
        assertTrue(tokens.verifyDownload(token.replace("r1.1.", "r2.1."), expires.minusSeconds(1)).isEmpty());
        assertTrue(tokens.verifyDownload("garbage", expires.minusSeconds(1)).isEmpty());
    }

    @Test
    void aDownloadTokenWorksUntilItExpiresAndIsNotAQrToken() {
        Instant expires = Instant.parse("2024-12-01T00:00:00Z");
        String token = tokens.signDownload("r1", 1, expires);
        assertEquals(Optional.of(new LetterTokens.Verified("r1", 1)),
                tokens.verifyDownload(token, expires.minusSeconds(1)));
        assertTrue(tokens.verifyDownload(token, expires.plusSeconds(1)).isEmpty());
        assertTrue(tokens.verifyDownload(new QrTokens(java.util.Map.of("current", "k1",
                "k1", "a-signing-key-of-enough-length-0123456789")).sign("r1", 1), expires.minusSeconds(1)).isEmpty());
    }

    @Test
    void aCalendarTokenOpensOnlyItsRegistrationsCalendarUntilItExpires() {
        Instant expires = Instant.parse("2025-01-21T00:00:00Z");
        String token = tokens.signCalendar("r1", expires);
        assertTrue(tokens.verifyCalendar("r1", token, expires.minusSeconds(1)));
        assertTrue(!tokens.verifyCalendar("r1", token, expires.plusSeconds(1)), "expired");
        assertTrue(!tokens.verifyCalendar("r2", token, expires.minusSeconds(1)), "another registration");
        assertTrue(!tokens.verifyCalendar("r1", token.replace(String.valueOf(expires.getEpochSecond()),
                String.valueOf(expires.getEpochSecond() + 86400)), expires), "expiry pushed out");
        assertTrue(!tokens.verifyCalendar("r1", tokens.signDownload("r1", 1, expires), expires.minusSeconds(1)));
    }

    @Test
    void anUnsubscribeTokenOptsOutTheAddressItWasSentToUntilItExpiresAndNothingElse() {
        Instant expires = Instant.parse("2025-12-01T00:00:00Z");
        java.util.Map<String, String> addresses = java.util.Map.of("r1", "Karim.Alaoui@Example.ma", "r2", "x@example.ma");
        java.util.function.Function<String, Optional<String>> addressOf = id -> Optional.ofNullable(addresses.get(id));
        String token = tokens.signUnsubscribe("r1", "karim.alaoui@example.ma", expires);
        assertTrue(!token.contains("@") && !token.toLowerCase().contains("alaoui"), "no contact data in the link: " + token);
        assertEquals(Optional.of("Karim.Alaoui@Example.ma"), tokens.verifyUnsubscribe(token, addressOf,
                expires.minusSeconds(1)), "the address as the registration has it, whatever its case");
        assertTrue(tokens.verifyUnsubscribe(token, addressOf, expires.plusSeconds(1)).isEmpty(), "expired");
        assertTrue(tokens.verifyUnsubscribe(token, id -> Optional.of("someone.else@example.ma"),
                expires.minusSeconds(1)).isEmpty(), "the registration's address changed since");
        assertTrue(tokens.verifyUnsubscribe(token.replace("r1.", "r2."), addressOf, expires.minusSeconds(1)).isEmpty(),
                "another registration");
        assertTrue(tokens.verifyUnsubscribe(token.replace("." + expires.getEpochSecond() + ".",
                "." + (expires.getEpochSecond() + 86400) + "."), addressOf, expires).isEmpty(), "expiry pushed out");
        assertTrue(new LetterTokens("another-key-of-enough-length").verifyUnsubscribe(token, addressOf,
                expires.minusSeconds(1)).isEmpty(), "another key");
        assertTrue(tokens.verifyUnsubscribe(tokens.signCalendar("r1", expires), addressOf, expires.minusSeconds(1))
                .isEmpty(), "a calendar token");
        assertTrue(tokens.verifyUnsubscribe("garbage", addressOf, expires.minusSeconds(1)).isEmpty());
        assertTrue(tokens.verifyUnsubscribe(null, addressOf, expires.minusSeconds(1)).isEmpty());
    }
}
