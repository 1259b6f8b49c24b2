package io.convoc.aws.snapstart;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the function's {@link Priming}s in SnapStart's before-snapshot hook (CRaC's {@code beforeCheckpoint}, which
 * Lambda calls once per published version), and only there: a cold start without SnapStart, the local run and the
 * tests do not pay for it, and in the local run, where every function shares one class path, no function primes
 * another's work. A priming that fails is logged and the snapshot goes on.
 */
@Context
public final class SnapshotPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPriming.class);
    private final Supplier<List<Priming>> primings;

    @Inject
    public SnapshotPriming(BeanProvider<Priming> primings) {
        // resolved at the checkpoint, not at start: the primings' own beans are then built only where it happens
        this(() -> primings.stream().toList());
        // CRaC holds resources weakly: this singleton, held by the function's context, keeps it registered
        Core.getGlobalContext().register(this);
    }

    SnapshotPriming(Supplier<List<Priming>> primings) {
        this.primings = primings;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        primeAll();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK's HTTP connections are opened again as needed
    }

    /** Each priming once, in order; what each took, in milliseconds (−1: it failed). */
    public Map<String, Long> primeAll() {
        Map<String, Long> took = new LinkedHashMap<>();
        for (Priming priming : primings.get()) {
            long start = System.nanoTime();
            try {
                priming.prime();
                long millis = (System.nanoTime() - start) / 1_000_000;
                took.put(priming.what(), millis);
                LOG.atInfo().addKeyValue("priming", priming.what()).addKeyValue("durationMs", millis)
                        .log("primed before the snapshot: {} in {} ms", priming.what(), millis);
            } catch (RuntimeException e) {
                took.put(priming.what(), -1L);
                LOG.atWarn().addKeyValue("priming", priming.what()).addKeyValue("outcome", "FAILED")
                        .log("priming {} failed, the snapshot goes on without it: {}", priming.what(), e.toString());
            }
        }
        return took;
    }
}
