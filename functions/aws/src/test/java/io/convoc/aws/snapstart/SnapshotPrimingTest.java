package io.convoc.aws.snapstart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotPrimingTest {

    private static Priming priming(String what, Runnable work) {
        return new Priming() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public void prime() {
                work.run();
            }
        };
    }

    @Test
    void aFailingPrimingIsReportedAndTheOthersStillRunBeforeTheSnapshot() {
        List<String> ran = new ArrayList<>();
        SnapshotPriming hooks = new SnapshotPriming(() -> List.of(
                priming("fails", () -> {
                    ran.add("fails");
                    throw new IllegalStateException("no network");
                }),
                priming("letter", () -> ran.add("letter"))));

        hooks.beforeCheckpoint(null);

        assertEquals(List.of("fails", "letter"), ran);
    }

    @Test
    void eachPrimingIsTimedAndAFailureShowsAsMinusOne() {
        Map<String, Long> took = new SnapshotPriming(() -> List.of(
                priming("fails", () -> {
                    throw new IllegalStateException("no network");
                }),
                priming("letter", () -> { }))).primeAll();

        assertEquals(List.of("fails", "letter"), List.copyOf(took.keySet()));
        assertEquals(-1L, took.get("fails"));
        assertTrue(took.get("letter") >= 0);
    }

    @Test
    void theHookLooksUpItsPrimingsOnlyWhenTheSnapshotIsTaken() {
        int[] lookups = {0};
        SnapshotPriming hooks = new SnapshotPriming(() -> {
            lookups[0]++;
            return List.of();
        });
        assertEquals(0, lookups[0], "a start without SnapStart builds no priming");
        hooks.beforeCheckpoint(null);
        assertEquals(1, lookups[0]);
    }
}
