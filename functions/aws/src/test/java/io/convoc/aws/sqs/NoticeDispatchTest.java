package io.convoc.aws.sqs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The back-off of a notice whose send must be retried: 10 s doubling up to 15 minutes, so that the 12 attempts the
 * template allows ride out a provider outage of about 80 minutes.
 */
class NoticeDispatchTest {

    @Test
    void eachRetryWaitsTwiceAsLongAsThePreviousUpToFifteenMinutes() {
        List<Integer> waits = IntStream.rangeClosed(1, 11).map(n -> NoticeDispatch.retryDelaySeconds(n, 10)).boxed()
                .toList();
        assertEquals(List.of(10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900), waits);
        assertEquals(4870, waits.stream().mapToInt(Integer::intValue).sum(), "12 attempts span about 81 minutes");
        assertEquals(900, NoticeDispatch.retryDelaySeconds(60, 10), "no overflow on a long outage");
    }
}
