package io.convoc.localcloud;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates the template's DynamoDB tables, as declared (keys, indexes, streams, TTL), named by logical id. */
public final class Tables {
    private Tables() {
    }

    /** @return logical id → table name */
    public static Map<String, String> create(DynamoDbClient dynamo, Template template) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<String, Object> p = table.properties();
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(id)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Template.list(p.get("AttributeDefinitions")).stream()
                            .map(Template::map)
                            .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                                    .attributeType((String) a.get("AttributeType")).build())
                            .toList())
                    .keySchema(keys(p.get("KeySchema")));
            List<GlobalSecondaryIndex> gsis = Template.list(p.get("GlobalSecondaryIndexes")).stream()
                    .map(Template::map)
                    .map(g -> GlobalSecondaryIndex.builder()
                            .indexName((String) g.get("IndexName"))
                            .keySchema(keys(g.get("KeySchema")))
                            .projection(Projection.builder()
                                    .projectionType((String) Template.map(g.get("Projection")).get("ProjectionType"))
                                    .build())
                            .build())
                    .toList();
            if (!gsis.isEmpty()) {
                request.globalSecondaryIndexes(gsis);
            }
            Map<String, Object> stream = Template.map(p.get("StreamSpecification"));
            if (!stream.isEmpty()) {
                request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType((String) stream.get("StreamViewType")).build());
            }
            try {
                dynamo.createTable(request.build());
                // AWS (and LocalStack) create a table in the background: wait for it as CloudFormation does
                dynamo.waiter().waitUntilTableExists(b -> b.tableName(id));
            } catch (ResourceInUseException alreadyThere) {
                // a persisted local run (or a LocalStack that outlived an earlier run): keep the data
            }
            Map<String, Object> ttl = Template.map(p.get("TimeToLiveSpecification"));
            if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
                try {
                    dynamo.updateTimeToLive(b -> b.tableName(id).timeToLiveSpecification(
                            TimeToLiveSpecification.builder().enabled(true)
                                    .attributeName((String) ttl.get("AttributeName")).build()));
                } catch (DynamoDbException e) {
                    // DynamoDB (LocalStack's too) refuses to enable it twice: an existing table already has it
                    if (e.getMessage() == null || !e.getMessage().toLowerCase(java.util.Locale.ROOT)
                            .contains("already enabled")) {
                        throw e;
                    }
                }
            }
            names.put(id, id);
        });
        return names;
    }

    private static List<KeySchemaElement> keys(Object keySchema) {
        return Template.list(keySchema).stream().map(Template::map)
                .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType")).build())
                .toList();
    }
}
