package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * What functions print on standard output while something runs, as Lambda sends it to their log groups: JSON log
 * lines and Embedded Metric Format lines. Captured for tests; what was printed is still shown.
 */
final class FunctionOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionOutput() {
    }

    /** The JSON lines printed while {@code action} runs that {@code kind} accepts. */
    static <T> List<JsonNode> jsonLines(Callable<T> action, Predicate<JsonNode> kind) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setOut(out);
        }
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(kind).toList();
    }
}
