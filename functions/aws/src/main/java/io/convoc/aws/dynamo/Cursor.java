package io.convoc.aws.dynamo;

import io.convoc.core.ports.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A paging cursor: DynamoDB's LastEvaluatedKey (string attributes only) in an opaque, URL-safe form.
 * A cursor is checked against the query it continues, so one cannot be used to read another event.
 */
final class Cursor {
    static final int MAX_LENGTH = 2048;
    private Cursor() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(lastKey).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v.s(), StandardCharsets.UTF_8)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param keys     the attribute names a key of this query has
     * @param expected attribute values the cursor must carry (the partition of the query)
     */
    static Map<String, AttributeValue> decode(String cursor, Set<String> keys, Map<String, String> expected) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursor("cursor too long", null);
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                key.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        AttributeValue.fromS(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
            for (AttributeValue v : key.values()) {
                // a value DynamoDB would refuse (key limits, halves of characters) is no cursor of ours
                if (v.s().isEmpty() || v.s().length() > 1024
                        || v.s().indexOf('\uFFFD') >= 0) {
                    throw new IllegalArgumentException("cursor value");
                }
            }
            if (!key.keySet().equals(keys)) {
                throw new IllegalArgumentException("cursor keys " + key.keySet());
            }
            expected.forEach((name, value) -> {
                if (!value.equals(key.get(name).s())) {
                    throw new IllegalArgumentException("cursor belongs to another listing");
                }
            });
            return key;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new InvalidCursor("invalid cursor", e);
        }
    }
}
