package io.convoc.localcloud.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** An SQS function that records its invocations (instance, thread, bodies) and how many ran at once. */
public class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Recorder r = Recorder.of(context.getFunctionName());
        r.enter();
        try {
            r.barrier.countDown();
            r.barrier.await(5, TimeUnit.SECONDS);
            List<String> bodies = event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList();
            r.invocations.add(new Recorder.Invocation(System.identityHashCode(this), Thread.currentThread().getName(),
                    bodies, false, event));
            return new SQSBatchResponse(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            r.exit();
        }
    }
}
