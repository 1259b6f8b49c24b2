package io.convoc.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * No emulator of SNS SMS exists, so this is one: it speaks SNS {@code Publish} (AWS query protocol, form
 * encoded, answering a real {@code PublishResponse}) and keeps what it received. {@code GET /messages} lists
 * the messages as JSON, {@code POST /clear} forgets them.
 */
public final class SmsSink implements AutoCloseable {
    private final HttpServer server;
    private final List<Sms> received = new CopyOnWriteArrayList<>();

    /** One SMS as the carrier would get it. */
    public record Sms(String messageId, String phoneNumber, String message, Map<String, String> attributes,
                      Instant receivedAt) {
    }

    private SmsSink(HttpServer server) {
        this.server = server;
    }

    public static SmsSink start() throws IOException {
        SmsSink[] sink = new SmsSink[1];
        sink[0] = new SmsSink(LocalHttp.start("127.0.0.1", 0, 2, exchange -> sink[0].handle(exchange)));
        return sink[0];
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Sms> messages() {
        return List.copyOf(received);
    }

    public List<Sms> messagesTo(String phoneNumber) {
        return received.stream().filter(s -> s.phoneNumber().equals(phoneNumber)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/messages")) {
                respond(exchange, 200, "application/json", json());
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.equals("/clear")) {
                received.clear();
                respond(exchange, 204, "text/plain", "");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String requestId = UUID.randomUUID().toString();
            if (!"Publish".equals(form.get("Action")) || form.get("PhoneNumber") == null) {
                respond(exchange, 400, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>this sink only takes "
                        + "Publish to a PhoneNumber</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
                return;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                attributes.put(form.get("MessageAttributes.entry." + i + ".Name"),
                        form.get("MessageAttributes.entry." + i + ".Value.StringValue"));
            }
            String id = UUID.randomUUID().toString();
            received.add(new Sms(id, form.get("PhoneNumber"), form.get("Message"), attributes, Instant.now()));
            respond(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>" + id + "</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></PublishResponse>");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private String json() {
        List<String> items = new ArrayList<>();
        for (Sms s : received) {
            List<String> attributes = new ArrayList<>();
            s.attributes().forEach((k, v) -> attributes.add(quote(k) + ":" + quote(v)));
            items.add("{\"messageId\":" + quote(s.messageId()) + ",\"phoneNumber\":" + quote(s.phoneNumber())
                    + ",\"message\":" + quote(s.message()) + ",\"attributes\":{" + String.join(",", attributes)
                    + "},\"receivedAt\":" + quote(s.receivedAt().toString()) + "}");
        }
        return "[" + String.join(",", items) + "]";
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        LocalHttp.send(exchange, status, Map.of("Content-Type", type + "; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
