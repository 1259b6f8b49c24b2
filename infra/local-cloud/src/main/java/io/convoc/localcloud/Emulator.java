package io.convoc.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An emulator run as a child process on a free loopback port; stopped with the JVM at the latest. */
public final class Emulator implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;

    private Emulator(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static Emulator start(String name, List<String> command, int port, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putIfAbsent("AWS_SES_ACCOUNT", "{}");
        try {
            Process process = pb.start();
            Emulator emulator = new Emulator(name, process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
            emulator.awaitPort(Duration.ofSeconds(20), log);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitPort(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(25);
            }
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout
                + "; see " + log);
    }

    /** A port free now; the emulator binds it right after (dynoxide cannot report a port it chose). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " on " + endpoint();
    }
}
