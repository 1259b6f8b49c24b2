package io.convoc.aws.sqs;

import io.convoc.core.notifications.NoticeMessage;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a notice message: a JSON object of two ids (no personal data travels in the queue). */
public final class NoticeMessages {
    private final JsonMapper json;

    public NoticeMessages(JsonMapper json) {
        this.json = json;
    }

    public String write(NoticeMessage m) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("registrationId", m.registrationId());
        body.put("notificationId", m.notificationId());
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public NoticeMessage read(String body) {
        try {
            JsonNode node = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            JsonNode registration = node == null ? null : node.get("registrationId");
            JsonNode notification = node == null ? null : node.get("notificationId");
            if (registration == null || notification == null || !registration.isString() || !notification.isString()) {
                throw new IllegalArgumentException("not a notice message: " + body);
            }
            return new NoticeMessage(registration.getStringValue(), notification.getStringValue());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a notice message: " + body, e);
        }
    }
}
