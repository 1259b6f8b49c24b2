package io.convoc.aws.dynamo;

import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Letter reference numbers on the local DynamoDB: sequential per event, one per registration, kept on replays. */
@ExtendWith(LocalCloudExtension.class)
class LetterReferenceCounterTest {
    private LetterReferenceCounter counter;
    private String eventId;

    @BeforeEach
    void setUp(LocalCloud cloud) {
        counter = new LetterReferenceCounter(cloud.dynamo(), cloud.tableName("EventsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        eventId = "event-" + UUID.randomUUID(); // a counter of its own, starting from nothing
    }

    @Test
    void numbersAreSequentialPerEventAndARegistrationKeepsItsNumber() {
        assertEquals(1, counter.numberFor(eventId, "r1"));
        assertEquals(2, counter.numberFor(eventId, "r2"));
        assertEquals(3, counter.numberFor(eventId, "r3"));
        assertEquals(1, counter.numberFor(eventId, "r1"), "a replay (or a new version) gets the same number");
        assertEquals(4, counter.numberFor(eventId, "r4"), "no number skipped by the replay");
        String other = "event-" + UUID.randomUUID();
        assertEquals(1, counter.numberFor(other, "r1"), "each event counts on its own");
        assertEquals(5, counter.numberFor(eventId, "r5"));
    }

    @Test
    void concurrentFirstLettersGetDistinctConsecutiveNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> numbers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String registration = "r" + i;
                numbers.add(pool.submit(() -> counter.numberFor(eventId, registration)));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> n : numbers) {
                got.add(n.get());
            }
            assertEquals(IntStream.rangeClosed(1, 40).boxed().toList(), got.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
    }
}
