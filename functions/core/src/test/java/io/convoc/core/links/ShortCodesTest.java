package io.convoc.core.links;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortCodesTest {
    private static final URI TARGET = URI.create("https://anra.ma/api/public/letters/"
            + "0f8fad5b-d9cb-469f-a165-70867728950e.1.1735689600.Qm9uam91ciBsZXMgQXNz");

    @Test
    void aCodeIsEightBase62Characters() {
        for (int i = 0; i < 1_000; i++) {
            String code = ShortCodes.of(URI.create(TARGET + "?n=" + i));
            assertEquals(ShortCodes.LENGTH, code.length(), code);
            assertEquals(8, code.length());
            assertTrue(code.chars().allMatch(c -> ShortCodes.ALPHABET.indexOf(c) >= 0), code);
            assertTrue(ShortCodes.isWellFormed(code), code);
        }
    }

    @Test
    void theSameTargetAlwaysGivesTheSameCode() {
        assertEquals(ShortCodes.of(TARGET), ShortCodes.of(URI.create(TARGET.toString())));
        assertEquals(ShortCodes.of(TARGET), ShortCodes.of(TARGET, 0));
        assertEquals(ShortCodes.of(TARGET, 1), ShortCodes.of(TARGET, 1));
    }

    @Test
    void differentTargetsGiveDifferentCodes() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(ShortCodes.of(URI.create(TARGET.toString().replace("1735689600", String.valueOf(1735689600 + i)))));
        }
        assertEquals(10_000, codes.size());
        // one changed character of the signature is another code
        assertNotEquals(ShortCodes.of(TARGET), ShortCodes.of(URI.create(TARGET.toString().replace("Nz", "Ny"))));
    }

    @Test
    void aLaterAttemptGivesAnotherCode() {
        assertNotEquals(ShortCodes.of(TARGET, 0), ShortCodes.of(TARGET, 1));
        assertNotEquals(ShortCodes.of(TARGET, 1), ShortCodes.of(TARGET, 2));
        assertThrows(IllegalArgumentException.class, () -> ShortCodes.of(TARGET, -1));
    }

    @Test
    void codesUseTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ShortCodes.of(URI.create(TARGET + "?n=" + i)).chars().forEach(c -> seen.add((char) c));
        }
        assertEquals(62, seen.size());
    }

    @Test
    void onlyEightLettersOrDigitsAreWellFormed() {
        for (String bad : new String[]{null, "", "abc", "abcdefg", "abcdefghi", "abcd-fgh", "abcd%2fgh", "abcdéfgh",
                "abcd fgh", "../../..", "ABCDEFG\n"}) {
            assertFalse(ShortCodes.isWellFormed(bad), String.valueOf(bad));
        }
        assertTrue(ShortCodes.isWellFormed("aZ09bY18"));
    }
}
