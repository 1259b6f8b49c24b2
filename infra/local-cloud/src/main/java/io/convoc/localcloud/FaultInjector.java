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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of an emulator and passes everything through, except when asked for failures: those get what
 * AWS would send (a throttle, an outage, a rejection), an answer that never comes, or a connection reset. The
 * emulators cannot be made to fail; production code must still be shown to retry and to give up.
 *
 * <p>Two ways to fail: {@link #failNext} (the next {@code n} requests answer a given error: tests) and
 * {@link #failRandomly} (a fraction of requests fail, each with a kind drawn at random: {@code infra/run-local
 * --faults}). The next-n faults come first.
 *
 * <p>It is a proxy at the TCP level, one request per connection (it asks both sides to close after the answer):
 * every byte of the request reaches the emulator as the client sent it, the {@code Host} header included, so
 * that a signature (SigV4, presigned URLs: s3proxy checks them) still holds.
 */
public final class FaultInjector implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    /** The AWS API in front of which the injector sits: decides what its errors look like. */
    public enum Service {
        /** SES v2: REST-JSON, the error type in {@code x-amzn-ErrorType}; throttling is 429 TooManyRequestsException. */
        SES,
        /** SNS: the query protocol, an XML ErrorResponse; throttling is 400 Throttling. */
        SNS,
        /** S3: REST-XML, an {@code <Error>} document; throttling is 503 SlowDown. */
        S3
    }

    /** The kinds of random faults. */
    public enum Kind {
        /** The service's throttling error. */
        THROTTLE,
        /** A 5xx: InternalFailure (500) or ServiceUnavailable (503). */
        SERVER_ERROR,
        /** The request reaches the emulator and takes effect, but its answer never comes; closed after a stall. */
        TIMEOUT,
        /** The connection is reset (TCP RST) without an answer; the request does not reach the emulator. */
        RESET
    }

    /** An AWS error answer: HTTP status, content type and body (and the JSON protocols' error type header). */
    public record Fault(int status, String contentType, String body, String errorType) {
    }

    /**
     * Random faults in force: each request fails with probability {@code fraction}, with a kind drawn evenly among
     * {@code kinds}; a timeout holds the connection {@code stall} before closing it.
     */
    public record RandomFaults(double fraction, Set<Kind> kinds, Duration stall) {
        public RandomFaults {
            if (fraction < 0 || fraction > 1) {
                throw new IllegalArgumentException("fraction must be within [0, 1]: " + fraction);
            }
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("no kinds of faults");
            }
            kinds = Set.copyOf(kinds);
        }
    }

    /**
     * Longer than the AWS SDK's default read timeout (30 s, what the functions' clients keep): the client gives up
     * first, as it would on a request AWS never answers.
     */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(35);

    private final ServerSocket server;
    private final Service service;
    private final InetSocketAddress target;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Kind, AtomicInteger> injected = new EnumMap<>(Kind.class);
    private volatile Fault fault;
    private volatile RandomFaults randomFaults;
    private volatile Random random;
    private volatile boolean closed;

    private FaultInjector(ServerSocket server, Service service, InetSocketAddress target) {
        this.server = server;
        this.service = service;
        this.target = target;
        for (Kind k : Kind.values()) {
            injected.put(k, new AtomicInteger());
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-injector-" + server.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** In front of an SES v2 (REST-JSON) endpoint, as before services were told apart. */
    public static FaultInjector start(String target) throws IOException {
        return start(target, Service.SES);
    }

    /** @param target the emulator's endpoint, {@code http://host:port} */
    public static FaultInjector start(String target, Service service) throws IOException {
        URI uri = URI.create(target);
        ServerSocket socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        FaultInjector injector = new FaultInjector(socket, service,
                new InetSocketAddress(uri.getHost(), uri.getPort()));
        Thread acceptor = new Thread(injector::accept, "fault-injector-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return injector;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public Service service() {
        return service;
    }

    /** The next {@code times} requests answer {@code fault} instead of reaching the emulator. */
    public void failNext(int times, Fault fault) {
        this.fault = fault;
        remaining.set(times);
    }

    /** A fraction of the requests fail, of any kind, a timeout stalling {@link #DEFAULT_STALL}. */
    public void failRandomly(double fraction, Random random) {
        failRandomly(new RandomFaults(fraction, EnumSet.allOf(Kind.class), DEFAULT_STALL), random);
    }

    /**
     * Random faults from now on (null or a zero fraction: none). One number is drawn from {@code random} per
     * request, so with a seeded {@link Random} the faults of {@code n} requests are the same at every run, whatever
     * the order concurrent requests arrive in.
     */
    public void failRandomly(RandomFaults faults, Random random) {
        this.random = random == null ? new Random() : random;
        this.randomFaults = faults == null || faults.fraction() == 0 ? null : faults;
    }

    public RandomFaults randomFaults() {
        return randomFaults;
    }

    /** Requests received since start (or {@link #resetCounts}). */
    public int requests() {
        return requests.get();
    }

    /** Random faults injected since start (or {@link #resetCounts}), by kind. */
    public Map<Kind, Integer> injected() {
        Map<Kind, Integer> out = new EnumMap<>(Kind.class);
        injected.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCounts() {
        requests.set(0);
        injected.values().forEach(c -> c.set(0));
    }

    /** What random faults are in force, for a person: {@code "20% of requests: throttling (429 …), …"}. */
    public String describe() {
        RandomFaults f = randomFaults;
        if (f == null) {
            return "none";
        }
        List<String> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (f.kinds().contains(k)) {
                kinds.add(switch (k) {
                    case THROTTLE -> "throttling (" + switch (service) {
                        case SES -> "429 TooManyRequestsException";
                        case SNS -> "400 Throttling";
                        case S3 -> "503 SlowDown";
                    } + ")";
                    case SERVER_ERROR -> "5xx (500 " + internalCode() + ", 503 ServiceUnavailable)";
                    case TIMEOUT -> "timeout (request done, no answer, closed after " + f.stall().toSeconds() + " s)";
                    case RESET -> "connection reset";
                });
            }
        }
        return String.format(Locale.ROOT, "%s%% of requests: %s", percent(f.fraction()), String.join(", ", kinds));
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> {
                    try {
                        serve(client);
                    } catch (IOException | RuntimeException e) {
                        // the client went away, or the emulator did: nothing to answer
                    } finally {
                        close(client);
                    }
                });
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (!closed) {
                    System.err.println("[fault injector " + endpoint() + "] " + e);
                }
            }
        }
    }

    /** A decision on one request: a given fault, a random kind with a draw in [0, 1), or pass. */
    private record Decision(Fault fault, Kind kind, double within, Duration stall) {
    }

    private Decision decide() {
        requests.incrementAndGet();
        Fault f = fault;
        if (f != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Decision(f, null, 0, null);
        }
        RandomFaults r = randomFaults;
        if (r == null) {
            return new Decision(null, null, 0, null);
        }
        double x = random.nextDouble();
        if (x >= r.fraction()) {
            return new Decision(null, null, 0, null);
        }
        // one draw per request: which kind, and where within it (500 or 503), come from the same number
        List<Kind> kinds = r.kinds().stream().sorted().toList();
        double scaled = x / r.fraction() * kinds.size();
        int index = Math.min(kinds.size() - 1, (int) scaled);
        Kind kind = kinds.get(index);
        injected.get(kind).incrementAndGet();
        return new Decision(null, kind, scaled - index, r.stall());
    }

    private void serve(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        byte[] head = readHead(in);
        if (head == null) {
            return;
        }
        String headText = new String(head, StandardCharsets.ISO_8859_1);
        Decision d = decide();
        if (d.fault() != null) {
            drain(in, headText);
            answer(client, headText, d.fault().status(), d.fault().contentType(), d.fault().body(), d.fault().errorType());
            return;
        }
        if (d.kind() == null) {
            forward(client, in, headText, true);
            return;
        }
        switch (d.kind()) {
            case RESET -> {
                client.setSoLinger(true, 0); // closing now sends RST: "Connection reset" on the client's side
            }
            case TIMEOUT -> {
                forward(client, in, headText, false);
                Emulator.sleep(d.stall().toMillis());
            }
            case THROTTLE -> {
                drain(in, headText);
                Fault f = throttle();
                answer(client, headText, f.status(), f.contentType(), f.body(), f.errorType());
            }
            case SERVER_ERROR -> {
                drain(in, headText);
                Fault f = serverError(d.within() < 0.5 ? 500 : 503);
                answer(client, headText, f.status(), f.contentType(), f.body(), f.errorType());
            }
        }
    }

    /** The service's throttling error, as AWS sends it. */
    public Fault throttle() {
        String id = UUID.randomUUID().toString();
        return switch (service) {
            case SES -> new Fault(429, "application/json", "{\"message\":\"Maximum sending rate exceeded.\"}",
                    "TooManyRequestsException");
            case SNS -> new Fault(400, "text/xml", snsError("Sender", "Throttling", "Rate exceeded", id), null);
            case S3 -> new Fault(503, "application/xml", s3Error("SlowDown", "Please reduce your request rate.", id), null);
        };
    }

    /** A 5xx as AWS sends it: 500 InternalFailure (S3: InternalError) or 503 ServiceUnavailable. */
    public Fault serverError(int status) {
        String id = UUID.randomUUID().toString();
        String code = status == 500 ? internalCode() : "ServiceUnavailable";
        String message = status == 500 ? "We encountered an internal error. Please try again."
                : "Service is unable to handle request.";
        return switch (service) {
            case SES -> new Fault(status, "application/json", "{\"message\":\"" + message + "\"}", code);
            case SNS -> new Fault(status, "text/xml", snsError("Receiver", code, message, id), null);
            case S3 -> new Fault(status, "application/xml", s3Error(code, message, id), null);
        };
    }

    private String internalCode() {
        return service == Service.S3 ? "InternalError" : "InternalFailure";
    }

    private static String snsError(String type, String code, String message, String id) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type + "</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + id
                + "</RequestId></ErrorResponse>";
    }

    private static String s3Error(String code, String message, String id) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + id + "</RequestId><HostId>local</HostId></Error>";
    }

    private void answer(Socket client, String requestHead, int status, String contentType, String body, String errorType)
            throws IOException {
        byte[] bytes = requestHead.startsWith("HEAD ") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(bytes.length)
                .append(service == Service.S3 ? "\r\nx-amz-request-id: " : "\r\nx-amzn-RequestId: ").append(id);
        if (errorType != null) {
            head.append("\r\nx-amzn-ErrorType: ").append(errorType);
        }
        head.append("\r\nConnection: close\r\n\r\n");
        OutputStream out = client.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        // a lingering close: whatever body the client still sends is read, so that it reads the answer rather
        // than a reset (a client may send the body without waiting for a 100 Continue)
        try {
            client.shutdownOutput();
            client.setSoTimeout(1000);
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0 && (total += n) < 64L << 20) {
                // discard
            }
        } catch (IOException ignored) {
            // the client closed first: it has the answer
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /**
     * Passes the request on, byte for byte but for {@code Connection: close}, and its answer back (or, for a
     * timeout, swallows the answer): the emulator has done what was asked either way.
     */
    private void forward(Socket client, InputStream in, String requestHead, boolean answer) throws IOException {
        try (Socket upstream = new Socket()) {
            open.add(upstream);
            upstream.connect(target, 5000);
            OutputStream up = upstream.getOutputStream();
            up.write(closing(requestHead).getBytes(StandardCharsets.ISO_8859_1));
            up.flush();
            // the body (if any) flows on while the answer is read (an Expect: 100-continue waits for the interim
            // answer); all the client sends is read to its end, even once the emulator has stopped reading (it may
            // answer before the last bytes of an aws-chunked body): closing on unread bytes would reset the client
            java.util.concurrent.Future<?> pump = threads.submit(() -> {
                byte[] buffer = new byte[8192];
                boolean passing = true;
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (passing) {
                            try {
                                up.write(buffer, 0, n);
                            } catch (IOException emulatorClosed) {
                                passing = false;
                            }
                        }
                    }
                } catch (IOException clientClosed) {
                    // the exchange is over
                }
            });
            InputStream down = new BufferedInputStream(upstream.getInputStream());
            OutputStream out = answer ? client.getOutputStream() : OutputStream.nullOutputStream();
            while (true) {
                byte[] head = readHead(down);
                if (head == null) {
                    return; // the emulator closed without an answer: so does the injector
                }
                String text = new String(head, StandardCharsets.ISO_8859_1);
                int status = Integer.parseInt(text.substring(9, 12));
                if (status >= 100 && status < 200) {
                    out.write(head);
                    out.flush();
                    continue;
                }
                out.write(closing(text).getBytes(StandardCharsets.ISO_8859_1));
                break;
            }
            down.transferTo(out);
            out.flush();
            if (answer) {
                // a lingering close: the answer is complete; wait for the client to finish sending and close
                client.shutdownOutput();
                try {
                    pump.get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // close anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            open.removeIf(s -> s.isClosed());
        }
    }

    /**
     * A message head with {@code Connection: close} instead of any keep-alive or upgrade: the connection's own
     * headers (those the {@code Connection} header names, {@code Keep-Alive}, {@code Upgrade}) are a hop's, not
     * the message's (RFC 9110 7.6.1), so a proxy drops them. No signature covers them.
     */
    static String closing(String head) {
        String[] lines = head.split("\r\n");
        Set<String> hop = new java.util.HashSet<>(Set.of("connection", "keep-alive", "proxy-connection", "upgrade"));
        for (int i = 1; i < lines.length; i++) {
            if (name(lines[i]).equals("connection")) {
                for (String token : lines[i].substring(lines[i].indexOf(':') + 1).split(",")) {
                    hop.add(token.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty() && !hop.contains(name(lines[i]))) {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static String name(String headerLine) {
        int colon = headerLine.indexOf(':');
        return colon < 0 ? "" : headerLine.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }

    /** Reads a request's body so that the client reads the answer rather than a broken pipe. */
    private static void drain(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\nexpect: 100-continue")) {
            return; // the client sends the body only if told to continue: the error is the final answer
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(lower);
        if (m.find()) {
            in.skipNBytes(Long.parseLong(m.group(1)));
        }
    }

    /** The bytes up to and including the blank line ending a message head; null when the stream ends first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("message head over " + MAX_HEAD + " bytes");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        threads.shutdownNow();
        for (Socket s : List.copyOf(open)) {
            close(s);
        }
    }
}
