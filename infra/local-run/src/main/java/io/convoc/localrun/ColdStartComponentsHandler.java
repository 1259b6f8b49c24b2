package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;

/**
 * The second reference of {@link ColdStartBenchmark}: the floor plus the least every convoc function does with the
 * components the project names: one AWS SDK v2 DynamoDB client (the JDK's HTTP client, as the functions') built at
 * start, one {@code GetItem} per event, one JSON log line with a field (Powertools' log4j2 layout) and one metric in
 * the Embedded Metric Format (Powertools metrics). Nothing of convoc's own: what it costs above the floor is the
 * part of a function's cold start no convoc code can take away.
 */
public class ColdStartComponentsHandler extends MicronautRequestHandler<SQSEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStartComponentsHandler.class);

    static {
        // as the functions do once (functions/aws Measurements): standard output, no probing for an agent
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    }
    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final String table = System.getProperty("EVENTS_TABLE");

    @Override
    public Void execute(SQSEvent input) {
        // the events table's keys, as template.yaml declares them; an item that does not exist
        boolean found = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "eventId", AttributeValue.fromS("cold-start"), "itemKey", AttributeValue.fromS("none")))).hasItem();
        LOG.atInfo().addKeyValue("outcome", found ? "FOUND" : "NONE").log("reference event handled");
        MetricsFactory.getMetricsInstance().flushSingleMetric("ReferenceEvents", 1, MetricUnit.COUNT, "convoc",
                DimensionSet.of("Outcome", found ? "FOUND" : "NONE"));
        return null;
    }
}
