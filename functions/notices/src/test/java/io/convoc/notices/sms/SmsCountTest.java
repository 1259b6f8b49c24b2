package io.convoc.notices.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmsCountTest {

    /**
     * Texts are written as runs: {@code a*160} is 160 times "a", {@code a*152+€+a*152} three runs one after the
     * other; a run without {@code *} is written once.
     */
    static String text(String runs) {
        if (runs == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String run : runs.split("\\+")) {
            int star = run.lastIndexOf('*');
            if (star > 0) {
                out.append(run.substring(0, star).repeat(Integer.parseInt(run.substring(star + 1))));
            } else {
                out.append(run);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "[{index}] {0} → {1} {2} units, {3} parts, {4} left")
    @CsvSource(delimiter = '|', nullValues = "(empty)", textBlock = """
            # GSM 7-bit: 160 in one part, 153 a part beyond
            (empty)            | GSM_7BIT | 0   | 1 | 160
            a*160              | GSM_7BIT | 160 | 1 | 0
            a*161              | GSM_7BIT | 161 | 2 | 145
            a*306              | GSM_7BIT | 306 | 2 | 0
            a*307              | GSM_7BIT | 307 | 3 | 152
            Inscription confirmée à Fès, Tanger et Salé | GSM_7BIT | 43 | 1 | 117
            é è à ù ì ò É Ç ñ ü ä ö Ä Ö Ñ Ü ß æ Ø å | GSM_7BIT | 39 | 1 | 121
            # extension table: two septets each
            a*158+€            | GSM_7BIT | 160 | 1 | 0
            a*159+€            | GSM_7BIT | 161 | 2 | 145
            a*159+[            | GSM_7BIT | 161 | 2 | 145
            # an escape pair is never split: here it makes a third part where 306 septets would fit in two
            a*152+€+a*152      | GSM_7BIT | 306 | 3 | 152
            a*152+{+a*10       | GSM_7BIT | 164 | 2 | 141
            a*151+€+a*153      | GSM_7BIT | 306 | 2 | 0
            # one character outside GSM: the whole text is UCS-2, 70 in one part, 67 a part beyond
            ê                  | UCS_2    | 1   | 1 | 69
            ê*70               | UCS_2    | 70  | 1 | 0
            ê*71               | UCS_2    | 71  | 2 | 63
            ê*134              | UCS_2    | 134 | 2 | 0
            ê*135              | UCS_2    | 135 | 3 | 66
            Fête à Tanger      | UCS_2    | 13  | 1 | 57
            ç                  | UCS_2    | 1   | 1 | 69
            l’accueil          | UCS_2    | 9   | 1 | 61
            a*159+ô            | UCS_2    | 160 | 3 | 41
            # Arabic, and French with Arabic
            طنجة               | UCS_2    | 4   | 1 | 66
            ب*70               | UCS_2    | 70  | 1 | 0
            ب*71               | UCS_2    | 71  | 2 | 63
            Tanger طنجة        | UCS_2    | 11  | 1 | 59
            # a surrogate pair counts two units and is never split
            a*68+😀            | UCS_2    | 70  | 1 | 0
            a*69+😀            | UCS_2    | 71  | 2 | 63
            a*66+😀+a*5        | UCS_2    | 73  | 2 | 60
            a*65+😀+a*5        | UCS_2    | 72  | 2 | 62
            """)
    void countsPartsAsCarriersDo(String runs, SmsEncoding encoding, int units, int parts, int remaining) {
        SmsCount count = SmsCount.of(text(runs));
        assertEquals(encoding, count.encoding(), "encoding");
        assertEquals(units, count.units(), "units");
        assertEquals(parts, count.parts(), "parts");
        assertEquals(remaining, count.remainingInLastPart(), "remaining in the last part");
    }

    @Test
    void basicTablePunctuationTakesOneSeptet() {
        String punctuation = "@£$¥_!\"#¤%&'()*+,-./:;<=>?¡§¿ΔΦΓΛΩΠΨΣΘΞ";
        SmsCount count = SmsCount.of(punctuation);
        assertEquals(SmsEncoding.GSM_7BIT, count.encoding());
        assertEquals(punctuation.length(), count.units());
    }

    @Test
    void extensionTableCharactersTakeTwoSeptets() {
        SmsCount count = SmsCount.of("^{}\\[~]|€");
        assertEquals(SmsEncoding.GSM_7BIT, count.encoding());
        assertEquals(18, count.units());
        assertEquals(142, count.remainingInLastPart());
    }

    @Test
    void formFeedIsAnExtensionCharacter() {
        SmsCount count = SmsCount.of("a\fb");
        assertEquals(SmsEncoding.GSM_7BIT, count.encoding());
        assertEquals(4, count.units());
    }

    @Test
    void saysWhichCharactersForcedUcs2() {
        assertEquals(List.of("ê", "’", "😀"), SmsCount.of("Fête d’été ê 😀").nonGsmCharacters());
        assertEquals(List.of(), SmsCount.of("Fete d'ete").nonGsmCharacters());
    }

    @Test
    void unitsPerPartIsWhatAPreviewShows() {
        assertEquals(160, SmsCount.of("a").unitsPerPart());
        assertEquals(153, SmsCount.of("a".repeat(200)).unitsPerPart());
        assertEquals(70, SmsCount.of("ê").unitsPerPart());
        assertEquals(67, SmsCount.of("ê".repeat(100)).unitsPerPart());
    }

    @Test
    void tabAndBacktickAreNotGsm() {
        assertEquals(SmsEncoding.UCS_2, SmsCount.of("a\tb").encoding());
        assertEquals(SmsEncoding.UCS_2, SmsCount.of("`").encoding());
        assertEquals(SmsEncoding.UCS_2, SmsCount.of("\u001B").encoding(), "ESC is not a character to send");
    }
}
