package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The log lines functions write while something runs: one JSON object per line on standard output (Powertools'
 * layout: level, message, the Lambda context and each line's own fields), as Logs Insights reads them in AWS.
 */
public final class LogLines {
    private LogLines() {
    }

    /** The log lines printed while {@code action} runs (what it printed is still shown). */
    public static <T> List<JsonNode> of(Callable<T> action) throws Exception {
        return FunctionOutput.jsonLines(action, line -> line.has("level") && line.has("message"));
    }

    /** The lines whose field {@code name} is {@code value}. */
    public static List<JsonNode> with(List<JsonNode> lines, String name, String value) {
        return lines.stream().filter(l -> value.equals(l.path(name).asText(null))).toList();
    }
}
