package io.convoc.core.letters;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterTokensTest {
    private final LetterTokens tokens = new LetterTokens("a-test-key-of-enough-length");

    @Test
    void aSignedTokenNamesItsRegistrationAndVersion() {
        String token = tokens.sign("0f8fad5b-d9cb-469f-a165-70867728950e", 2);
        assertEquals(Optional.of(new LetterTokens.Verified("0f8fad5b-d9cb-469f-a165-70867728950e", 2)),
                tokens.verify(token));
    }

    @Test
    void anAlteredTokenOrOneSignedWithAnotherKeyIsRefused() {
        String token = tokens.sign("r1", 1);
        assertTrue(tokens.verify(token.replace("r1.1.", "r1.2.")).isEmpty());
        assertTrue(tokens.verify(token.replace("r1.", "r2.")).isEmpty());
        assertTrue(new LetterTokens("another-key-of-enough-length").verify(token).isEmpty());
        assertTrue(tokens.verify("garbage").isEmpty());
    }

    @Test
    void aDownloadTokenWorksUntilItExpiresAndIsNotAQrToken() {
        Instant expires = Instant.parse("2024-12-01T00:00:00Z");
        String token = tokens.signDownload("r1", 1, expires);
        assertEquals(Optional.of(new LetterTokens.Verified("r1", 1)),
                tokens.verifyDownload(token, expires.minusSeconds(1)));
        assertTrue(tokens.verifyDownload(token, expires.plusSeconds(1)).isEmpty());
        assertTrue(tokens.verify(token).isEmpty());
        assertTrue(tokens.verifyDownload(tokens.sign("r1", 1), expires.minusSeconds(1)).isEmpty());
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
}
