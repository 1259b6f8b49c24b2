package io.convoc.localrun;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options of {@code infra/run-local} that make the local Lambda harsher. */
class LocalRunOptionsTest {
    @Test
    void defaultsFireSchedulesEveryTenSecondsWithNoDuplicatesAndNoFaults() {
        LocalRun.Options o = LocalRun.Options.parse(new String[0]);
        assertEquals(10, o.scheduleSeconds());
        assertFalse(o.atLeastOnce());
        assertTrue(o.faults().isEmpty());
        assertNull(o.faultSeed());
        // what tests start: nothing in the background unless asked
        assertEquals(0, new LocalRun.Options(0, null, true).scheduleSeconds());
    }

    @Test
    void parsesScheduleDuplicatesAndFaults() {
        LocalRun.Options o = LocalRun.Options.parse(new String[]{"--schedule-seconds", "3", "--at-least-once",
                "--faults", "ses=0.2,sns=20%,s3=0.05,seed=42", "--in-memory"});
        assertEquals(3, o.scheduleSeconds());
        assertTrue(o.atLeastOnce());
        assertEquals(Map.of("ses", 0.2, "sms", 0.2, "s3", 0.05), o.faults());
        assertEquals(42L, o.faultSeed());
        assertNull(o.dataDir());
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "dynamodb=0.1"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "ses=1.5"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "ses"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--schedule-seconds", "-1"}));
    }
}
