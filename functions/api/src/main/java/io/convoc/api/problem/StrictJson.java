package io.convoc.api.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every JSON body passes before it is read, each a 400 naming {@code body}: an empty body, bytes that
 * were not UTF-8 (they arrive as U+FFFD: the line and byte offset of the first are named), a syntax error, a key
 * given twice ({@code {"lastName":"A","lastName":"B"}}: which one would count?), anything after the value (trailing
 * garbage, a second object). Error details quote at most a short, escaped excerpt of the input.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private StrictJson() {
    }

    public static void check(String body) {
        if (body == null || body.isBlank()) {
            throw bad(FieldError.of("body", "body_required"));
        }
        int bad = body.indexOf('\uFFFD');
        if (bad >= 0) {
            String before = body.substring(0, bad);
            throw bad(FieldError.of("body", "invalid_utf8", 1 + before.chars().filter(c -> c == '\n').count(),
                    before.getBytes(StandardCharsets.UTF_8).length));
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                throw bad(FieldError.of("body", "body_required"));
            }
            parser.skipChildren();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonParseException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                long chars = parser.currentTokenLocation().getCharOffset();
                int at = (int) Math.max(0, Math.min(body.length(), chars));
                throw bad(FieldError.of("body", "trailing_content",
                        body.substring(0, at).getBytes(StandardCharsets.UTF_8).length));
            }
        } catch (JsonParseException e) {
            Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (m.find()) {
                throw bad(FieldError.of(TextRules.excerpt(m.group(1)), "duplicate_key", TextRules.excerpt(m.group(1))));
            }
            throw bad(FieldError.of("body", "malformed_json", message(e)));
        } catch (IOException e) {
            throw bad(FieldError.of("body", "malformed_json", message(e)));
        }
    }

    /** The parser's message without the input it quotes at length, escaped and short. */
    public static String message(Exception e) {
        String m = e instanceof JsonParseException p ? String.valueOf(p.getOriginalMessage())
                : String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        if (e instanceof JsonParseException p && p.getLocation() != null) {
            m = m + " (ligne " + p.getLocation().getLineNr() + ", colonne " + p.getLocation().getColumnNr() + ")";
        }
        return TextRules.excerpt(m, 160);
    }

    private static ApiException bad(FieldError error) {
        return new ApiException(400, "bad_request", List.of(error));
    }
}
