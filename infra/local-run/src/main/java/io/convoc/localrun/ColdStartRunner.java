package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The child JVM of {@link ColdStartBenchmark}: one function as Lambda starts it. It runs on the function's own
 * Lambda jar (plus this class and {@link ColdStartFloorHandler}, copied alone to a folder of their own), so it uses
 * only what every Lambda jar holds: aws-lambda-java-core, -events and -serialization (the runtime's own event
 * deserializer). It creates the handler by its public no-arg constructor, deserializes the first event, handles it,
 * and prints the time from the JVM's start to that point; then handles the other events (warm), and prints the
 * classes loaded and the peak RSS.
 *
 * <pre>java &lt;Lambda flags&gt; -cp &lt;jar&gt;:&lt;runner dir&gt; io.convoc.localrun.ColdStartRunner
 *     &lt;handler class&gt; &lt;event class&gt; &lt;events file, one JSON event a line&gt; &lt;function name&gt; &lt;memory MB&gt;</pre>
 *
 * Its one line of result on stdout starts with {@link #RESULT}.
 */
public final class ColdStartRunner {
    static final String RESULT = "COLDSTART ";

    private ColdStartRunner() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String handlerClass = args[0];
        String eventClass = args[1];
        Path eventsFile = Path.of(args[2]);
        String functionName = args[3];
        int memoryMb = Integer.parseInt(args[4]);
        List<String> events = Files.readAllLines(eventsFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        ClassLoader loader = ColdStartRunner.class.getClassLoader();

        // as Lambda's init: the handler class loaded and created by its public no-arg constructor
        Object instance = Class.forName(handlerClass, true, loader).getDeclaredConstructor().newInstance();
        RequestHandler handler = (RequestHandler) instance;
        // as Lambda's first invoke: the event deserialized by the runtime's serializer, then handled
        PojoSerializer serializer = LambdaEventSerializers.serializerFor(Class.forName(eventClass, true, loader), loader);
        Object first = handle(handler, serializer, events.get(0), functionName, memoryMb);
        long firstMs = System.currentTimeMillis() - jvmStart;
        long classesFirst = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        String firstOutcome = outcome(first);

        StringJoiner warm = new StringJoiner(",");
        List<String> outcomes = new ArrayList<>();
        for (String event : events.subList(1, events.size())) {
            long t0 = System.nanoTime();
            Object out = handle(handler, serializer, event, functionName, memoryMb);
            warm.add(String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e6));
            outcomes.add(outcome(out));
        }
        long classesEnd = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long hwm = vmHwmKb();
        String bad = outcomes.stream().filter(o -> !o.equals("ok")).findFirst().orElse("ok");
        System.out.println(RESULT + "firstMs=" + firstMs + " classesFirst=" + classesFirst + " classesEnd="
                + classesEnd + " vmHwmKb=" + hwm + " firstOutcome=" + firstOutcome + " warmOutcome=" + bad
                + " warmMs=" + warm);
        System.out.flush();
        // Micronaut's and the SDK's threads would keep the JVM: the measure is taken
        Runtime.getRuntime().halt(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object handle(RequestHandler handler, PojoSerializer serializer, String json, String functionName,
                                 int memoryMb) {
        Object event = serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return handler.handleRequest(event, new RunnerContext(functionName, memoryMb));
    }

    /** "ok", or what shows the event was not handled as it should (an HTTP error, items reported failed). */
    static String outcome(Object response) {
        if (response instanceof APIGatewayV2HTTPResponse r) {
            return r.getStatusCode() / 100 == 2 ? "ok" : "http-" + r.getStatusCode();
        }
        if (response instanceof SQSBatchResponse r) {
            return r.getBatchItemFailures() == null || r.getBatchItemFailures().isEmpty() ? "ok"
                    : r.getBatchItemFailures().size() + "-failed";
        }
        if (response instanceof StreamsEventResponse r) {
            return r.getBatchItemFailures() == null || r.getBatchItemFailures().isEmpty() ? "ok"
                    : r.getBatchItemFailures().size() + "-failed";
        }
        return "ok";
    }

    /** Peak resident set size (VmHWM of /proc/self/status), in KB; -1 where there is none. */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** The Lambda context of an invocation: the function's name, memory and a 30 s budget. */
    private record RunnerContext(String functionName, int memoryMb, long deadline) implements Context {
        RunnerContext(String functionName, int memoryMb) {
            this(functionName, memoryMb, System.currentTimeMillis() + 30_000);
        }

        @Override
        public String getAwsRequestId() {
            return java.util.UUID.randomUUID().toString();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "cold-start";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-3:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return memoryMb;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
