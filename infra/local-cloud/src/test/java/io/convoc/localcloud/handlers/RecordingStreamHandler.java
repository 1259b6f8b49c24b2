package io.convoc.localcloud.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.util.List;

/**
 * A stream function that records the item ids of every batch; a batch holding an item whose id starts with
 * {@code poison} makes it throw (a function error), as a record the code cannot handle would.
 */
public class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Recorder r = Recorder.of(context.getFunctionName());
        List<String> ids = event.getRecords().stream()
                .map(rec -> rec.getDynamodb().getKeys().get("id").getS()).toList();
        boolean poisoned = ids.stream().anyMatch(id -> id.startsWith("poison"));
        r.invocations.add(new Recorder.Invocation(System.identityHashCode(this), Thread.currentThread().getName(), ids,
                poisoned, event));
        if (poisoned) {
            throw new IllegalStateException("cannot handle " + ids);
        }
        return new StreamsEventResponse();
    }
}
