package io.convoc.aws.dynamo;

import io.convoc.core.notifications.DeliveryFeedback.Report;
import io.convoc.core.ports.PendingReports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery reports waiting for their send to be recorded, in the notifications table: partition
 * {@code PENDING#<provider message id>} (no registration id starts so), sort key {@code <report>#<time>} (a
 * redelivered report overwrites itself), TTL attribute {@code expiresAt} a day after the report. These items have
 * none of a notice's attributes (no status, no provider id), so the table's indexes do not list them.
 */
public final class PendingReportTable implements PendingReports {
    static final String PREFIX = "PENDING#";

    private final DynamoDbClient dynamo;
    private final String table;

    public PendingReportTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void keep(PendingReport r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r));
        item.put("report", AttributeValue.fromS(r.report().name()));
        item.put("reportedAt", AttributeValue.fromS(r.at().toString()));
        item.put("keptUntil", AttributeValue.fromS(r.keptUntil().toString()));
        item.put("expiresAt", AttributeValue.fromN(String.valueOf(r.keptUntil().getEpochSecond())));
        if (r.detail() != null) {
            item.put("detail", AttributeValue.fromS(r.detail()));
        }
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public List<PendingReport> list(String providerMessageId) {
        List<PendingReport> out = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("registrationId = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(PREFIX + providerMessageId))))
                .items().forEach(i -> out.add(new PendingReport(providerMessageId,
                        Report.valueOf(i.get("report").s()), i.containsKey("detail") ? i.get("detail").s() : null,
                        Instant.parse(i.get("reportedAt").s()), Instant.parse(i.get("keptUntil").s()))));
        out.sort(Comparator.comparing(PendingReport::at));
        return out;
    }

    @Override
    public void remove(PendingReport r) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(r)));
    }

    private static Map<String, AttributeValue> key(PendingReport r) {
        return Map.of("registrationId", AttributeValue.fromS(PREFIX + r.providerMessageId()),
                "notificationId", AttributeValue.fromS(r.report().name() + "#" + r.at()));
    }
}
