package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The metrics a function writes while something runs: the Embedded Metric Format lines it prints on standard output
 * (CloudWatch reads them from the log group in AWS), read back for tests.
 */
public final class EmfLines {
    private EmfLines() {
    }

    /** The EMF lines printed while {@code action} runs (what it printed is still shown). */
    public static <T> List<JsonNode> of(Callable<T> action) throws Exception {
        return FunctionOutput.jsonLines(action, line -> line.has("_aws"));
    }

    /** The sum of {@code metric}'s values in {@code lines} whose dimensions include {@code dimensions}. */
    public static double sum(List<JsonNode> lines, String metric, Map<String, String> dimensions) {
        return lines.stream().filter(l -> l.has(metric))
                .filter(l -> dimensions.entrySet().stream().allMatch(d -> l.has(d.getKey())
                        && l.get(d.getKey()).asText().equals(d.getValue())))
                .mapToDouble(l -> l.get(metric).asDouble()).sum();
    }
}
