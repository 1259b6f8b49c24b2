package io.convoc.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The small HTTP servers of the local cloud (API Gateway, SMS sink, fault injector) on the JDK's server. */
public final class LocalHttp {
    private LocalHttp() {
    }

    public static HttpServer start(String host, int port, int threads, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return server;
    }

    public static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Closes in reverse order of start, every one even when some fail: what runs must all stop. */
    public static void closeAll(List<? extends AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // best effort: the rest must still stop
            }
        }
    }
}
