package io.convoc.emailsender;

import io.convoc.localcloud.LocalCloud;

import java.util.List;

/**
 * Starts the e-mail sender on its queue once per test JVM, however many test classes need it: the local cloud is one
 * per JVM, and two sets of pollers on one queue would take each other's messages (a duplicate met mid-retry ends the
 * other's message), which a test of retries must not see.
 */
final class EmailSenderRunning {
    private static boolean started;

    private EmailSenderRunning() {
    }

    static synchronized void ensureStarted(LocalCloud cloud) {
        if (!started) {
            cloud.startFunctions(List.of("EmailSenderFunction"));
            started = true;
        }
    }
}
