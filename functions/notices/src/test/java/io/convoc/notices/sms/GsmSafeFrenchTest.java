package io.convoc.notices.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GsmSafeFrenchTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fête                    | fete
            château                 | chateau
            garçon                  | garcon
            île, maïs               | ile, mais
            hôtel                   | hotel
            sûr, où                 | sur, où
            Noël, Ève, Ça           | Noel, Eve, Ça
            œuvre, Œil              | oeuvre, OEil
            l’accueil               | l'accueil
            « Tanger »              | " Tanger "
            9h30 – 12h30…           | 9h30 - 12h30...
            Dates\u00a0: 20         | Dates : 20
            été à Fès, Salé, Meknès | été à Fès, Salé, Meknès
            Laâyoune, Hoceïma       | Laayoune, Hoceima
            Ștefan                  | Stefan
            طنجة                    | طنجة
            """)
    void replacesOnlyWhatGsmCannotSend(String french, String gsm) {
        String input = french.replace("\\u00a0", "\u00a0");
        assertEquals(gsm, GsmSafeFrench.fold(input));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Fête à Tanger le 20 décembre
            Hôtel Mövenpick, maître d’hôtel
            Les Assises « régionalisation avancée » – Tanger
            """)
    void frenchAccentsForceUcs2UnlessGsmSafe(String french) {
        assertEquals(SmsEncoding.UCS_2, SmsCount.of(french).encoding());
        assertEquals(SmsEncoding.GSM_7BIT, SmsCount.of(GsmSafeFrench.fold(french)).encoding());
    }

    @Test
    void accentsThatGsmHasAreKept() {
        String text = "é è à ù ì ò É Ç ñ ü ä ö";
        assertEquals(text, GsmSafeFrench.fold(text));
        assertEquals(SmsEncoding.GSM_7BIT, SmsCount.of(text).encoding());
    }
}
