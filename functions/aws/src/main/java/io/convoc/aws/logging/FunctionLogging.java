package io.convoc.aws.logging;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every function's log lines carry: Micronaut hands each invocation's Lambda context here before the handler
 * runs, and Powertools puts the function's name, request id and cold start into the fields of the lines that
 * follow (Micronaut's own populator would add the same under other names). The domain core logs through
 * {@code java.util.logging}; its lines are bridged into the same JSON log.
 */
@Singleton
@io.micronaut.context.annotation.Context
@Replaces(DefaultDiagnosticInfoPopulator.class)
public final class FunctionLogging implements DiagnosticInfoPopulator {
    private static boolean bridged;

    public FunctionLogging() {
        bridgeJavaUtilLogging();
    }

    /** Once per JVM: in the local run every function's context is built in the same one. */
    static synchronized void bridgeJavaUtilLogging() {
        if (!bridged) {
            Log4jBridgeHandler.install(true, null, true);
            bridged = true;
        }
    }

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        PowertoolsLogging.initializeLogging(context);
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // initializeLogging has read the trace id already
    }
}
