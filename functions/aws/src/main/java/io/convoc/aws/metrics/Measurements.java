package io.convoc.aws.metrics;

import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;

/**
 * What the functions count, as CloudWatch metrics in the Embedded Metric Format (Powertools for AWS Lambda): one
 * JSON line on standard output per measurement, which Lambda puts in the function's log group and CloudWatch turns
 * into metrics of the {@value #NAMESPACE} namespace, with no API call and nothing to wait for. Dimensions are codes
 * (channel, kind, outcome), never a person's data.
 */
public final class Measurements {
    public static final String NAMESPACE = "convoc";
    private static final Metrics METRICS;

    static {
        // the Lambda environment's sink (standard output) everywhere: no probing of EC2/ECS metadata or a
        // CloudWatch agent where the functions run outside Lambda (tests, the local run)
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        METRICS = MetricsFactory.getMetricsInstance();
    }

    private Measurements() {
    }

    public static void count(String metric, Map<String, String> dimensions) {
        count(metric, 1, dimensions);
    }

    public static void count(String metric, double value, Map<String, String> dimensions) {
        METRICS.flushSingleMetric(metric, value, MetricUnit.COUNT, NAMESPACE, DimensionSet.of(dimensions));
    }

    public static void bytes(String metric, double value, Map<String, String> dimensions) {
        METRICS.flushSingleMetric(metric, value, MetricUnit.BYTES, NAMESPACE, DimensionSet.of(dimensions));
    }

    public static void milliseconds(String metric, double value, Map<String, String> dimensions) {
        METRICS.flushSingleMetric(metric, value, MetricUnit.MILLISECONDS, NAMESPACE, DimensionSet.of(dimensions));
    }
}
