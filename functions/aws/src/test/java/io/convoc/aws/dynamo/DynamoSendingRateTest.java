package io.convoc.aws.dynamo;

import io.convoc.core.notifications.Channel;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sending rate shared by every sender instance, on the DynamoDB emulator: several senders at once never take
 * more than the rate in a second, and keep close to it while they have work.
 */
@ExtendWith(LocalCloudExtension.class)
class DynamoSendingRateTest {
    private static LocalCloud cloud;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
    }

    /** A rate of its own for each test: the counter is per channel, shared by every instance of the table. */
    private static DynamoSendingRate rate(int emails, int smsParts) {
        return new DynamoSendingRate(cloud.dynamo(), cloud.tableName("RegistrationLookupsTable"), emails, smsParts,
                Clock.systemUTC());
    }

    @Test
    void fourSendersTogetherNeverPassTheRateInASecondAndKeepCloseToIt() throws Exception {
        DynamoSendingRate rate = rate(20, 0);
        ConcurrentLinkedQueue<Long> granted = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int s = 0; s < 4; s++) {
            done.add(senders.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    assertTrue(rate.acquire(Channel.EMAIL, 1, Duration.ofSeconds(10)));
                    granted.add(System.currentTimeMillis() / 1000);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        Map<Long, Integer> perSecond = new TreeMap<>();
        granted.forEach(second -> perSecond.merge(second, 1, Integer::sum));
        assertEquals(80, granted.size());
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 20), perSecond.toString());
        // 80 units at 20 a second: 3 full seconds and a part, never much more (the rate was used, not wasted)
        assertTrue(seconds < 5.0, seconds + " s for 80 units at 20/s: " + perSecond);
    }

    @Test
    void anSmsLongerThanTheRateGoesAloneInItsSecondAndAWaitTooLongIsRefused() {
        DynamoSendingRate rate = rate(0, 3);
        assertTrue(rate.acquire(Channel.EMAIL, 1, Duration.ZERO), "no e-mail rate: never waits");
        for (int attempt = 0; ; attempt++) {
            long second = System.currentTimeMillis() / 1000;
            assertTrue(rate.acquire(Channel.SMS, 5, Duration.ofSeconds(5)), "alone in its second, more parts than the rate");
            // the second is used up: a caller who may not wait is told so (its notice is retried later)
            boolean refused = !rate.acquire(Channel.SMS, 1, Duration.ZERO);
            if (System.currentTimeMillis() / 1000 == second || attempt == 5) {
                assertTrue(refused);
                return;
            } // both calls did not fall in one second: once more
        }
    }

    @Test
    void nothingIsGrantedInTheLastMomentsOfASecond() {
        java.time.Instant late = java.time.Instant.parse("2026-12-01T09:00:00.970Z");
        java.time.Instant early = java.time.Instant.parse("2026-12-01T09:00:01.100Z");
        DynamoSendingRate atTheEnd = new DynamoSendingRate(cloud.dynamo(), cloud.tableName("RegistrationLookupsTable"),
                1000, 0, Clock.fixed(late, java.time.ZoneOffset.UTC));
        DynamoSendingRate atTheStart = new DynamoSendingRate(cloud.dynamo(), cloud.tableName("RegistrationLookupsTable"),
                1000, 0, Clock.fixed(early, java.time.ZoneOffset.UTC));
        // a send granted 30 ms before the second ends could reach the provider in the next one
        assertTrue(!atTheEnd.acquire(Channel.EMAIL, 1, Duration.ZERO), "granted in the guard");
        assertTrue(atTheStart.acquire(Channel.EMAIL, 1, Duration.ZERO));
    }
}
