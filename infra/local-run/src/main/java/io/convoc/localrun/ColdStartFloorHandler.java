package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The floor of {@link ColdStartBenchmark}: a Micronaut Lambda handler that does nothing, on the same Micronaut parent
 * as the functions (its context started as theirs are, with no bean of convoc's), run from a jar-less class path of
 * the runtime stack every function shares (micronaut-function-aws, micronaut-aws-lambda-events-serde,
 * micronaut-serde-jackson, slf4j-simple) and given the same SQS sample event each time.
 */
public class ColdStartFloorHandler extends MicronautRequestHandler<SQSEvent, Void> {
    @Override
    public Void execute(SQSEvent input) {
        return null;
    }
}
