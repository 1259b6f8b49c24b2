package io.convoc.onregistration;

import io.convoc.letters.LetterRenderer;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the letter renderer while the function starts: Lambda takes the SnapStart snapshot after start-up,
 * so the font parsing (~160 ms) and the first letter's cost (~500 ms) are paid once at deploy time instead of
 * by the first invitee of each new execution environment.
 */
@Context
public class LetterWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(LetterWarmUp.class);

    public LetterWarmUp() {
        long start = System.nanoTime();
        LetterRenderer.shared().warmUp();
        LOG.info("letter renderer warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
