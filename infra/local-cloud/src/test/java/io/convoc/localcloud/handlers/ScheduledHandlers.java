package io.convoc.localcloud.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.util.List;
import java.util.Map;

/** Scheduled functions of the test template, each taking the event in another form. */
public final class ScheduledHandlers {
    private ScheduledHandlers() {
    }

    /** A base binding the input further down, as Micronaut's {@code MicronautRequestHandler<I, O>} does. */
    public abstract static class Base<I> implements RequestHandler<I, String> {
        @Override
        public String handleRequest(I input, Context context) {
            Recorder.of(context.getFunctionName()).invocations.add(new Recorder.Invocation(System.identityHashCode(this),
                    Thread.currentThread().getName(), List.of(), false, input));
            return "ok";
        }
    }

    /** Takes the ScheduledEvent, like the notice reconciler. */
    public static class Typed extends Base<ScheduledEvent> {
    }

    /** Takes a Map, as a handler reading the JSON does. */
    public static class Untyped extends Base<Map<String, Object>> {
    }

    /** Fails every time: the timer must go on. */
    public static class Failing extends Base<ScheduledEvent> {
        @Override
        public String handleRequest(ScheduledEvent input, Context context) {
            super.handleRequest(input, context);
            throw new IllegalStateException("scheduled failure");
        }
    }
}
