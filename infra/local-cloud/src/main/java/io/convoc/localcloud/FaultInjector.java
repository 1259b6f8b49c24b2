package io.convoc.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of an emulator and passes everything through, except the next {@code n} requests when a
 * test asks for failures: those get the error AWS would send (a throttle, an outage, a rejection). The
 * emulators cannot be made to fail; production code must still be shown to retry and to give up.
 */
public final class FaultInjector implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Fault fault;

    /** An AWS error answer: HTTP status, content type and body. */
    public record Fault(int status, String contentType, String body, String errorType) {
    }

    private FaultInjector(HttpServer server, String target) {
        this.server = server;
        this.target = target;
    }

    public static FaultInjector start(String target) throws IOException {
        FaultInjector[] proxy = new FaultInjector[1];
        proxy[0] = new FaultInjector(LocalHttp.start("127.0.0.1", 0, 4, exchange -> proxy[0].handle(exchange)), target);
        return proxy[0];
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} requests answer {@code fault} instead of reaching the emulator. */
    public void failNext(int times, Fault fault) {
        this.fault = fault;
        remaining.set(times);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault f = fault;
            if (f != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (f.errorType() != null) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", f.errorType());
                }
                LocalHttp.send(exchange, f.status(), java.util.Map.of("Content-Type", f.contentType()),
                        f.body().getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((k, values) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(k, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((k, values) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(k, v));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
