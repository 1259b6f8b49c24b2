package io.convoc.core.ports;

import io.convoc.core.programme.SettleRequest;

import java.time.Duration;

/** The delayed messages that close sessions' quiet windows (an SQS queue with a delivery delay in AWS). */
public interface ProgrammeChangeQueue {
    void settleAfter(SettleRequest request, Duration delay);
}
