package io.convoc.aws.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.convoc.localcloud.LogLines;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The functions' JSON log layout (convoc-log-layout.json): a message never shows an e-mail address or a phone
 * number, even one quoted by a provider's error that a line passes on; ids and codes stay as they are.
 */
class LogLayoutTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogLayoutTest.class);

    private static String logged(String template, Object... args) throws Exception {
        List<JsonNode> lines = LogLines.of(() -> {
            LOG.atWarn().addKeyValue("outcome", "FAILED").log(template, args);
            return null;
        });
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("FAILED", lines.get(0).path("outcome").asText());
        return lines.get(0).path("message").asText();
    }

    @Test
    void anAddressQuotedByAProviderErrorIsMaskedInTheMessage() throws Exception {
        assertEquals("notice CONFIRMATION#EMAIL#v1#5f550401-fdce-4ff6-8011-4009b8d2f977: SES 400 MessageRejected: "
                        + "Email address is not verified: <email>",
                logged("notice {}: {}", "CONFIRMATION#EMAIL#v1#5f550401-fdce-4ff6-8011-4009b8d2f977",
                        "SES 400 MessageRejected: Email address is not verified: Nadia.Fassi+test@mail.example.ma"));
    }

    @Test
    void phoneNumbersInEitherFormAreMaskedButIdsAndCodesAreNot() throws Exception {
        assertEquals("SNS 400 InvalidParameter: <phone> (<phone>), ref ANRA-2024/0042, "
                        + "id 123e4567-e89b-12d3-a456-426614174000, 0612 characters",
                logged("SNS 400 InvalidParameter: {} ({}), ref {}, id {}, {} characters", "+212612345678",
                        "0612345678", "ANRA-2024/0042", "123e4567-e89b-12d3-a456-426614174000", "0612"));
    }
}
