package io.convoc.localcloud.handlers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test handlers saw, by function name (handler instances are created by the local cloud, so they report
 * here): invocations with the instance and thread that ran them, and the most invocations in flight at once.
 */
public final class Recorder {
    /** One invocation: which instance, on which thread, with which records (ids or bodies, in delivery order). */
    public record Invocation(int instance, String thread, List<String> records, boolean failed, Object event) {
    }

    private static final Map<String, Recorder> BY_FUNCTION = new ConcurrentHashMap<>();

    public final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    /** Invocations wait here until this many are in flight at once (or a few seconds pass). */
    public volatile CountDownLatch barrier = new CountDownLatch(0);

    public static Recorder of(String function) {
        return BY_FUNCTION.computeIfAbsent(function, k -> new Recorder());
    }

    void enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void exit() {
        inFlight.decrementAndGet();
    }
}
