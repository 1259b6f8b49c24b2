package io.convoc.localcloud;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A front for the JDK's HTTP server, which answers a request target {@code java.net.URI} refuses
 * ({@code /api/registrations/%}, a space, raw UTF-8) itself with {@code 400 text/html "URISyntaxException"}, before
 * any handler runs. API Gateway instead hands such a path on to the route it matches. This front reads each request's
 * head, percent-encodes what the JDK would refuse (a bare {@code %} becomes {@code %25}), asks for the connection to
 * close after the answer (one request a connection, so every request's head passes here), and pipes the rest.
 */
final class RequestLineFixer implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private final ServerSocket socket;
    private final int target;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gateway-front");
        t.setDaemon(true);
        return t;
    });

    private RequestLineFixer(ServerSocket socket, int target) {
        this.socket = socket;
        this.target = target;
    }

    static RequestLineFixer start(String host, int port, int target) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port), 64);
        RequestLineFixer front = new RequestLineFixer(socket, target);
        front.pool.submit(front::acceptLoop);
        return front;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), target)) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            String line = eol < 0 ? text : text.substring(0, eol);
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                line = parts[0] + " " + fixTarget(parts[1]) + " " + parts[2];
            }
            StringBuilder out = new StringBuilder(line).append("\r\n");
            if (eol >= 0) {
                for (String h : text.substring(eol + 2).split("\r\n")) {
                    if (!h.isEmpty() && !h.regionMatches(true, 0, "connection:", 0, 11)) {
                        out.append(h).append("\r\n");
                    }
                }
            }
            out.append("Connection: close\r\n\r\n");
            OutputStream toBackend = backend.getOutputStream();
            toBackend.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            toBackend.flush();
            pool.submit(() -> {
                try {
                    in.transferTo(toBackend);
                    backend.shutdownOutput();
                } catch (IOException ignored) {
                    // the exchange is over
                }
                return null;
            });
            // the answer says the connection closes, so that no client keeps it for a next request
            InputStream fromBackend = new BufferedInputStream(backend.getInputStream());
            byte[] answer = readHead(fromBackend);
            if (answer == null) {
                return;
            }
            StringBuilder answerHead = new StringBuilder();
            for (String h : new String(answer, StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (!h.regionMatches(true, 0, "connection:", 0, 11)) {
                    answerHead.append(h).append("\r\n");
                }
            }
            answerHead.append("Connection: close\r\n\r\n");
            OutputStream toClient = client.getOutputStream();
            toClient.write(answerHead.toString().getBytes(StandardCharsets.ISO_8859_1));
            fromBackend.transferTo(toClient);
            toClient.flush();
        } catch (IOException ignored) {
            // a client gone away: nothing to answer
        }
    }

    /** The request head up to the empty line, without it; null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] all = head.toByteArray();
                return java.util.Arrays.copyOf(all, all.length - 4);
            }
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
        }
        return head.size() == 0 ? null : head.toByteArray();
    }

    /** Percent-encodes each byte a URI cannot hold, and each '%' that starts no escape. */
    static String fixTarget(String target) {
        StringBuilder sb = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean escape = c == '%' && i + 2 < target.length() && hex(target.charAt(i + 1)) && hex(target.charAt(i + 2));
            if (escape || (c > 0x20 && c < 0x7F && "\"<>\\^`{|}%".indexOf(c) < 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", (int) c & 0xFF));
            }
        }
        return sb.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        pool.shutdownNow();
    }
}
