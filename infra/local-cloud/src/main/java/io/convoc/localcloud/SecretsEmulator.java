package io.convoc.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * No open-source emulator of Secrets Manager is served here, so this is one, as small as the functions need: it
 * speaks {@code GetSecretValue} (AWS JSON 1.1, {@code X-Amz-Target: secretsmanager.GetSecretValue}) and answers
 * with the secret's value, found by its name or by its ARN; an unknown secret is SDK's
 * {@code ResourceNotFoundException}. The values are the local cloud's (kept in its data folder).
 */
public final class SecretsEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private final HttpServer server;
    private final String arnPrefix;
    /** A secret's value by its logical name; null: no such secret. */
    private final Function<String, String> values;

    private SecretsEmulator(HttpServer server, String arnPrefix, Function<String, String> values) {
        this.server = server;
        this.arnPrefix = arnPrefix;
        this.values = values;
    }

    /** @param arnPrefix what a secret's ARN is before its name ({@code arn:aws:secretsmanager:<region>:<account>:secret:}) */
    public static SecretsEmulator start(String arnPrefix, Function<String, String> values) throws IOException {
        SecretsEmulator[] emulator = new SecretsEmulator[1];
        emulator[0] = new SecretsEmulator(LocalHttp.start("127.0.0.1", 0, 2, exchange -> emulator[0].handle(exchange)),
                arnPrefix, values);
        return emulator[0];
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The ARN the template's {@code !Ref} of a secret resolves to. */
    public String arnOf(String name) {
        return arnPrefix + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                error(exchange, "SerializationException", "the body is not JSON");
                return;
            }
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                error(exchange, "UnknownOperationException", "this emulator only answers GetSecretValue, not " + target);
                return;
            }
            String id = request == null ? "" : request.path("SecretId").asText("");
            String name = id.startsWith(arnPrefix) ? id.substring(arnPrefix.length()) : id;
            String value = name.isEmpty() ? null : values.apply(name);
            if (value == null) {
                error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                return;
            }
            ObjectNode answer = JSON.createObjectNode()
                    .put("ARN", arnOf(name))
                    .put("Name", name)
                    .put("SecretString", value)
                    .put("VersionId", "local-" + Integer.toHexString(value.hashCode()))
                    .put("CreatedDate", 0);
            answer.putArray("VersionStages").add("AWSCURRENT");
            LocalHttp.send(exchange, 200, Map.of("Content-Type", JSON_11), JSON.writeValueAsBytes(answer));
        }
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        byte[] body = JSON.createObjectNode().put("__type", type).put("Message", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        LocalHttp.send(exchange, 400, Map.of("Content-Type", JSON_11), body);
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
