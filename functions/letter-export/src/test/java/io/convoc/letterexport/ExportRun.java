package io.convoc.letterexport;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One invocation of the export function in a JVM of its own, as Lambda runs it (its jar alone on the class path, the
 * heap given with -Xmx), for measuring: {@code ExportRun <exportId> <timeoutSeconds>}. Prints one line:
 * {@code elapsedMs=… peakHeapMB=… peakLiveAfterGcMB=… failures=…}. The heap in use
 * ({@code totalMemory - freeMemory}) is sampled every 5 ms while the handler runs; the heap in use after each garbage
 * collection (what stays live) is taken from the collectors' notifications.
 */
public final class ExportRun {
    private static final java.util.Set<String> HEAP_POOLS = java.lang.management.ManagementFactory
            .getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());

    private ExportRun() {
    }

    public static void main(String[] args) throws Exception {
        String exportId = args[0];
        long timeoutMillis = Long.parseLong(args[1]) * 1000;
        AtomicLong peakHeap = new AtomicLong();
        Runtime runtime = Runtime.getRuntime();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        // what stays live: the heap in use after each collection, the largest seen
        AtomicLong peakLive = new AtomicLong();
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(
                        com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> HEAP_POOLS.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    peakLive.accumulateAndGet(after, Math::max);
                }
            }, null, null);
        }

        long startedAt = System.nanoTime();
        LetterExportHandler handler = new LetterExportHandler();
        long coldMillis = (System.nanoTime() - startedAt) / 1_000_000;
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("measure-1");
        message.setBody("{\"exportId\":\"" + exportId + "\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        sampler.start();
        long start = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(event, context(timeoutMillis));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        System.out.println("RESULT elapsedMs=" + elapsed + " coldStartMs=" + coldMillis + " peakHeapMB="
                + peakHeap.get() / (1024 * 1024) + " peakLiveAfterGcMB=" + peakLive.get() / (1024 * 1024)
                + " maxHeapMB="
                + runtime.maxMemory() / (1024 * 1024) + " failures=" + response.getBatchItemFailures().size());
        handler.close();
        System.exit(0);
    }

    private static Context context(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        return new Context() {
            public String getAwsRequestId() { return "measure"; }
            public String getLogGroupName() { return "/aws/lambda/LetterExportFunction"; }
            public String getLogStreamName() { return "measure"; }
            public String getFunctionName() { return "LetterExportFunction"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:aws:lambda:local:0:function:LetterExportFunction"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
            public int getMemoryLimitInMB() { return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024)); }
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    public void log(String message) { System.out.println(message); }
                    public void log(byte[] message) { System.out.println(new String(message)); }
                };
            }
        };
    }
}
