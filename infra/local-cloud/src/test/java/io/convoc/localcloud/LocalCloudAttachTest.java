package io.convoc.localcloud;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attached target outlives the runs on it (a LocalStack started once, runs started and stopped): a second run
 * takes over what the first created, keeping its data, whatever the first run's queue timeouts and secrets were.
 */
class LocalCloudAttachTest {
    private static final Template TEMPLATE = Template.project();

    @Test
    void aSecondRunOnTheSameTargetKeepsItsDataAndTakesOverItsResources() throws Exception {
        Path data = Files.createTempDirectory("convoc-attach");
        try (LocalCloud target = LocalCloud.start(Template.parse("Resources: {}"), null)) {
            Map<Attach.Service, URI> endpoints = new EnumMap<>(Attach.Service.class);
            endpoints.put(Attach.Service.DYNAMODB, URI.create(target.endpoints().get("dynamodb")));
            endpoints.put(Attach.Service.SQS, URI.create(target.endpoints().get("sqs")));
            endpoints.put(Attach.Service.S3, URI.create(target.endpoints().get("s3")));
            endpoints.put(Attach.Service.SES, URI.create(target.sesFaults().endpoint()));
            endpoints.put(Attach.Service.SNS, URI.create(target.smsFaults().endpoint()));
            endpoints.put(Attach.Service.SECRETS_MANAGER, URI.create(target.endpoints().get("secrets manager")));
            Attach attach = Attach.perService("a target", endpoints, target.sent().mailsUri(), target.sent().smsUri());
            String queue = "EmailQueue";

            // first run: in memory, so 1-second visibility timeouts and secrets of its own
            String firstSecret;
            try (LocalCloud first = LocalCloud.attach(TEMPLATE, null, LocalCloud.TEST_PARAMETERS, attach)) {
                firstSecret = first.secretValue("LetterTokenSecret");
                first.dynamo().putItem(b -> b.tableName(first.tableName("EventsTable")).item(Map.of(
                        "eventId", AttributeValue.fromS("kept-event"), "itemKey", AttributeValue.fromS("EVENT"))));
                assertEquals("1", visibility(target, first.queueUrl(queue)));
            }

            // second run: persisted, the template's timeouts and the data folder's secrets
            try (LocalCloud second = LocalCloud.attach(TEMPLATE, data, LocalCloud.LOCAL_PARAMETERS, attach)) {
                assertTrue(second.dynamo().getItem(b -> b.tableName(second.tableName("EventsTable"))
                        .key(Map.of("eventId", AttributeValue.fromS("kept-event"), "itemKey", AttributeValue.fromS("EVENT"))))
                        .hasItem(), "the first run's data");
                String declared = second.resolve(TEMPLATE.resourcesOfType("AWS::SQS::Queue").get(queue).properties()
                        .get("VisibilityTimeout"));
                assertEquals(declared, visibility(target, second.queueUrl(queue)));
                assertEquals(TEMPLATE.resourcesOfType("AWS::SQS::Queue").size(),
                        target.sqs().listQueues().queueUrls().size());
                assertEquals(1, target.s3().listBuckets().buckets().size());
                // the target holds the value the functions and the printed tokens of this run use
                String secret = second.secretValue("LetterTokenSecret");
                assertNotEquals(firstSecret, secret);
                try (var secrets = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                        .endpointOverride(URI.create(target.endpoints().get("secrets manager")))
                        .region(software.amazon.awssdk.regions.Region.of(LocalCloud.REGION))
                        .credentialsProvider(LocalCloud.credentials())
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                    assertEquals(secret, secrets.getSecretValue(b -> b.secretId(
                            second.resolve(Map.of("Ref", "LetterTokenSecret")))).secretString());
                }
            }
        } finally {
            LocalFiles.deleteTree(data);
        }
    }

    private static String visibility(LocalCloud target, String queueUrl) {
        return target.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .get(QueueAttributeName.VISIBILITY_TIMEOUT);
    }
}
