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
 * No open-source emulator of Secrets Manager is served here, so this is one, as small as the local cloud needs: it
 * speaks {@code GetSecretValue} (AWS JSON 1.1, {@code X-Amz-Target: secretsmanager.GetSecretValue}) and answers
 * with the secret's value, found by its name or by its ARN; an unknown secret is SDK's
 * {@code ResourceNotFoundException}. The values are the local cloud's (kept in its data folder), or those a client
 * gave with {@code CreateSecret} / {@code PutSecretValue} (what a local cloud attached to this one does, as it
 * does on LocalStack), which win.
 */
public final class SecretsEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private final HttpServer server;
    private final String arnPrefix;
    /** A secret's value by its logical name; null: no such secret. */
    private final Function<String, String> values;
    /** Secrets created or changed through the API, by name. */
    private final Map<String, String> stored = new java.util.concurrent.ConcurrentHashMap<>();

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
            String id = request == null ? "" : request.path(
                    "secretsmanager.CreateSecret".equals(target) ? "Name" : "SecretId").asText("");
            String name = id.startsWith(arnPrefix) ? id.substring(arnPrefix.length()) : id;
            if ("secretsmanager.CreateSecret".equals(target) || "secretsmanager.PutSecretValue".equals(target)) {
                boolean create = target.endsWith("CreateSecret");
                String secret = request == null ? null : request.path("SecretString").asText(null);
                if (name.isEmpty() || secret == null) {
                    error(exchange, "InvalidParameterException", "a name and a SecretString are needed");
                    return;
                }
                boolean exists = stored.containsKey(name) || values.apply(name) != null;
                if (create && exists) {
                    error(exchange, "ResourceExistsException", "The operation failed because the secret " + name
                            + " already exists.");
                    return;
                }
                if (!create && !exists) {
                    error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                    return;
                }
                stored.put(name, secret);
                ObjectNode answer = JSON.createObjectNode().put("ARN", arnOf(name)).put("Name", name)
                        .put("VersionId", "local-" + Integer.toHexString(secret.hashCode()));
                LocalHttp.send(exchange, 200, Map.of("Content-Type", JSON_11), JSON.writeValueAsBytes(answer));
                return;
            }
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                error(exchange, "UnknownOperationException", "this emulator answers GetSecretValue, CreateSecret and "
                        + "PutSecretValue, not " + target);
                return;
            }
            String value = name.isEmpty() ? null : stored.getOrDefault(name, values.apply(name));
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
