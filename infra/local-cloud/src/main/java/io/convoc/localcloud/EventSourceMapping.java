package io.convoc.localcloud;

import java.util.List;
import java.util.Map;

/** An event-source mapping as template.yaml declares it (a function's DynamoDB or SQS event). */
public record EventSourceMapping(String functionLogicalId, String type, String sourceLogicalId, int batchSize,
                                 int maximumRetryAttempts, boolean bisectOnError, boolean reportBatchItemFailures,
                                 String onFailureQueue, Integer maximumConcurrency, int parallelizationFactor) {

    /** The DynamoDB and SQS events of a function. */
    public static List<EventSourceMapping> of(Template template, String function) {
        return Template.map(template.function(function).get("Events")).values().stream()
                .map(Template::map)
                .filter(e -> "DynamoDB".equals(e.get("Type")) || "SQS".equals(e.get("Type")))
                .map(e -> from(function, (String) e.get("Type"), Template.map(e.get("Properties"))))
                .toList();
    }

    private static EventSourceMapping from(String function, String type, Map<String, Object> p) {
        String source = (String) Template.list(Template.map(p.get(type.equals("SQS") ? "Queue" : "Stream"))
                .get("Fn::GetAtt")).get(0);
        String onFailure = null;
        Map<String, Object> destination = Template.map(Template.map(Template.map(p.get("DestinationConfig"))
                .get("OnFailure")).get("Destination"));
        if (!destination.isEmpty()) {
            onFailure = (String) Template.list(destination.get("Fn::GetAtt")).get(0);
        }
        Map<String, Object> scaling = Template.map(p.get("ScalingConfig"));
        return new EventSourceMapping(function, type, source,
                number(p.get("BatchSize"), type.equals("SQS") ? 10 : 100),
                number(p.get("MaximumRetryAttempts"), -1),
                Boolean.TRUE.equals(p.get("BisectBatchOnFunctionError")),
                Template.list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                onFailure,
                scaling.containsKey("MaximumConcurrency") ? number(scaling.get("MaximumConcurrency"), 2) : null,
                number(p.get("ParallelizationFactor"), 1));
    }

    private static int number(Object o, int fallback) {
        return o == null ? fallback : Integer.parseInt(String.valueOf(o));
    }
}
