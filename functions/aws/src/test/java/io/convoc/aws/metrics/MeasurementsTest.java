package io.convoc.aws.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MeasurementsTest {

    @Test
    void aCountIsOneEmbeddedMetricLineCloudWatchReadsWithItsDimensions() throws Exception {
        List<JsonNode> lines = io.convoc.localcloud.EmfLines.of(() -> { Measurements.count("NoticeOutcomes",
                Map.of("Channel", "EMAIL", "Kind", "CONFIRMATION", "Outcome", "SENT")); return null; });
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("convoc", directive.get("Namespace").asText());
        assertEquals("NoticeOutcomes", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        List<String> dimensions = new java.util.ArrayList<>();
        directive.get("Dimensions").get(0).forEach(d -> dimensions.add(d.asText()));
        assertEquals(List.of("Channel", "Kind", "Outcome"), dimensions.stream().sorted().toList());
        assertEquals("SENT", line.get("Outcome").asText());
        assertEquals(1.0, line.get("NoticeOutcomes").asDouble());
        assertFalse(line.get("_aws").get("Timestamp").isNull());
    }

    @Test
    void aDurationIsInMilliseconds() throws Exception {
        JsonNode line = io.convoc.localcloud.EmfLines.of(() -> {
            Measurements.milliseconds("LetterRenderTime", 3.5, Map.of());
            return null;
        }).get(0);
        assertEquals("Milliseconds", line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0)
                .get("Unit").asText());
        assertEquals(3.5, line.get("LetterRenderTime").asDouble());
    }
}
