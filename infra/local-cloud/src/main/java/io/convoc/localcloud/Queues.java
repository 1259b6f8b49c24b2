package io.convoc.localcloud;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the template's SQS queues (in ElasticMQ, or on an attached target), with their visibility timeouts and
 * redrive policies.
 */
final class Queues {
    private Queues() {
    }

    /**
     * @param visibilityOverride seconds to use instead of the template's visibility timeouts (tests, so
     *                           that a retry comes in a second), or null to keep them
     * @return logical id → queue URL
     */
    static Map<String, String> create(SqsClient sqs, Template template, LocalCloud cloud, Integer visibilityOverride) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Template.Resource> queues = template.resourcesOfType("AWS::SQS::Queue");
        // dead-letter queues must exist before a redrive policy names them: create all, then set policies
        queues.forEach((id, q) -> {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            Object visibility = q.properties().get("VisibilityTimeout");
            if (visibilityOverride != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityOverride));
            } else if (visibility != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, cloud.resolve(visibility));
            }
            Object retention = q.properties().get("MessageRetentionPeriod");
            if (retention != null) {
                attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, cloud.resolve(retention));
            }
            String url;
            try {
                url = sqs.createQueue(b -> b.queueName(id).attributes(attributes)).queueUrl();
            } catch (QueueNameExistsException otherAttributes) {
                // there from an earlier run with other timeouts (an attached LocalStack outlives runs): take it over
                url = sqs.getQueueUrl(b -> b.queueName(id)).queueUrl();
                String existing = url;
                sqs.setQueueAttributes(b -> b.queueUrl(existing).attributes(attributes));
            }
            urls.put(id, url);
        });
        return urls;
    }

    static void redrive(SqsClient sqs, Template template, LocalCloud cloud, Map<String, String> urls) {
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, q) -> {
            Map<String, Object> redrive = Template.map(q.properties().get("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                String dlq = (String) Template.list(Template.map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
                String policy = "{\"deadLetterTargetArn\":\"arn:aws:sqs:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT
                        + ":" + dlq + "\",\"maxReceiveCount\":\"" + cloud.resolve(redrive.get("maxReceiveCount")) + "\"}";
                sqs.setQueueAttributes(b -> b.queueUrl(urls.get(id))
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
            }
        });
    }
}
