package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.convoc.localcloud.Attach;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.SentMessages;
import io.convoc.localcloud.Template;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run attached to AWS APIs it does not run, as {@code --target localstack} attaches it to LocalStack:
 * here the emulators of another local cloud, started with no resources at all, each service at its own endpoint.
 * Everything the run needs must be created there by the attach path, and everything it does must land there.
 */
class AttachedLocalRunTest {
    private static LocalCloud aws;
    private static LocalRun run;
    private static String output;
    private static Set<Long> childrenBefore;
    private static Set<Long> childrenAfter;
    private static final Template TEMPLATE = Template.project();

    @BeforeAll
    static void start() throws Exception {
        // the stand-in for LocalStack: the embedded emulators with an empty template, so nothing exists in them yet
        aws = LocalCloud.start(Template.parse("Resources: {}"), null);
        assertTrue(aws.dynamo().listTables().tableNames().isEmpty());
        assertTrue(aws.sqs().listQueues().queueUrls().isEmpty());
        assertTrue(aws.s3().listBuckets().buckets().isEmpty());
        Map<Attach.Service, URI> endpoints = new EnumMap<>(Attach.Service.class);
        endpoints.put(Attach.Service.DYNAMODB, URI.create(aws.endpoints().get("dynamodb")));
        endpoints.put(Attach.Service.SQS, URI.create(aws.endpoints().get("sqs")));
        endpoints.put(Attach.Service.S3, URI.create(aws.endpoints().get("s3")));
        endpoints.put(Attach.Service.SES, URI.create(aws.sesFaults().endpoint()));
        endpoints.put(Attach.Service.SNS, URI.create(aws.smsFaults().endpoint()));
        endpoints.put(Attach.Service.SECRETS_MANAGER, URI.create(aws.endpoints().get("secrets manager")));
        Attach target = Attach.perService("the other local cloud", endpoints, aws.sent().mailsUri(), aws.sent().smsUri());

        childrenBefore = children();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = LocalRun.start(new LocalRun.Options(0, null, true).on(target),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        childrenAfter = children();
        output = out.toString(StandardCharsets.UTF_8);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void startsNoEmulatorOfItsOwnAndPointsEveryServiceAtTheTarget() {
        // dynoxide and aws-ses-v2-local are child processes: the attached run started none
        assertTrue(childrenBefore.containsAll(childrenAfter), "new processes: " + childrenAfter);
        Map<String, String> attached = run.cloud().endpoints();
        assertEquals(aws.endpoints().get("dynamodb"), attached.get("dynamodb"));
        assertEquals(aws.endpoints().get("sqs"), attached.get("sqs"));
        assertEquals(aws.endpoints().get("s3"), attached.get("s3"));
        assertEquals(aws.sesFaults().endpoint(), attached.get("ses"));
        assertEquals(aws.smsFaults().endpoint(), attached.get("sns"));
        assertEquals(aws.endpoints().get("secrets manager"), attached.get("secrets manager"));
        // what the functions' SDK clients read
        assertEquals(aws.endpoints().get("dynamodb"), System.getProperty("aws.endpointUrlDynamoDb"));
        assertEquals(aws.endpoints().get("dynamodb"), System.getProperty("aws.endpointUrlDynamoDbStreams"));
        assertEquals(aws.endpoints().get("sqs"), System.getProperty("aws.endpointUrlSqs"));
        assertEquals(aws.endpoints().get("s3"), System.getProperty("aws.endpointUrlS3"));
        assertEquals(aws.sesFaults().endpoint(), System.getProperty("aws.endpointUrlSesV2"));
        assertEquals(aws.smsFaults().endpoint(), System.getProperty("aws.endpointUrlSns"));
        assertEquals(aws.endpoints().get("secrets manager"), System.getProperty("aws.endpointUrlSecretsManager"));
        // the embedded cloud's own pieces are absent, not idle
        assertNull(run.cloud().sesEmulator());
        assertNull(run.cloud().sms());
        assertTrue(run.cloud().faultsInForce().isEmpty());
    }

    @Test
    void createsTheTemplatesResourcesInTheTarget() {
        assertEquals(TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").keySet(),
                Set.copyOf(aws.dynamo().listTables().tableNames()));
        for (String table : TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").keySet()) {
            boolean streamed = !io.convoc.localcloud.Template.map(TEMPLATE.resources().get(table).properties()
                    .get("StreamSpecification")).isEmpty();
            assertEquals(streamed, aws.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn() != null,
                    table + "'s stream");
        }
        List<String> queues = aws.sqs().listQueues().queueUrls();
        assertEquals(TEMPLATE.resourcesOfType("AWS::SQS::Queue").size(), queues.size(), queues.toString());
        // a queue with a dead-letter queue in the template has its redrive policy in the target
        String redriven = TEMPLATE.resourcesOfType("AWS::SQS::Queue").entrySet().stream()
                .filter(q -> q.getValue().properties().containsKey("RedrivePolicy")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        String policy = aws.sqs().getQueueAttributes(b -> b.queueUrl(run.cloud().queueUrl(redriven))
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(policy != null && policy.contains("deadLetterTargetArn"), redriven + ": " + policy);
        assertTrue(aws.s3().listBuckets().buckets().stream()
                .anyMatch(b -> b.name().equals(run.cloud().bucketName("LettersBucket"))));
        // the secrets hold the run's values, under the ARN the functions were given
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(URI.create(aws.endpoints().get("secrets manager"))).region(Region.of(LocalCloud.REGION))
                .credentialsProvider(LocalCloud.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String secret : List.of("LetterTokenSecret", "LetterSigningSecret")) {
                String arn = run.cloud().resolve(Map.of("Ref", secret));
                assertEquals(run.cloud().secretValue(secret),
                        secrets.getSecretValue(b -> b.secretId(arn)).secretString(), secret);
            }
        }
    }

    /**
     * A registration through the API: its letter is in the target's S3, its confirmation mail in the target's SES
     * and its SMS in the target's SNS; with no SES events here, the e-mail notice ends SENT.
     */
    @Test
    void aRegistrationsLetterMailAndSmsLandInTheTarget() throws Exception {
        Flows flows = new Flows(run);
        String unique = Long.toString(System.nanoTime(), 36);
        String email = "salma." + unique + "@example.ma";
        String mobile = Flows.uniqueMobile();
        String id = flows.register("Berrada", email, mobile);
        JsonNode registration = flows.awaitRegistration(id, r -> r.path("status").asText().equals("LETTER_READY")
                && Flows.all(r, "EMAIL", "SENT") && Flows.all(r, "SMS", "SENT"),
                Duration.ofSeconds(90));
        byte[] letter = aws.s3().getObjectAsBytes(b -> b.bucket(run.cloud().bucketName("LettersBucket"))
                .key("letters/assises-2024/" + id + "/v1.pdf")).asByteArray();
        assertEquals("%PDF", new String(letter, 0, 4, StandardCharsets.US_ASCII), registration.toString());
        List<SentMessages.Mail> mails = aws.sent().mailsTo(email);
        assertEquals(1, mails.size(), "the confirmation in the target's SES: " + aws.sent().mails());
        // registered in both languages: one SMS in French, one in Arabic
        assertEquals(2, aws.sent().smsTo(Flows.e164(mobile)).size(), "the SMS in the target's SNS: " + aws.sent().sms());
        // the run reads them where the target lists them
        assertEquals(mails, run.cloud().sent().mailsTo(email));
        // no SES events when attached: the embedded cloud would have made it DELIVERED within a second
        Thread.sleep(3000);
        assertTrue(Flows.all(flows.get("/api/registrations/" + id), "EMAIL", "SENT"), "still SENT");
    }

    @Test
    void theBannerSaysWhereItRunsAndWhatItLacksThere() {
        assertTrue(output.contains("convoc local cloud is running on the other local cloud"), output);
        assertTrue(output.contains("\"created\":3"), "the sample invitees, imported through the api: " + output);
        assertTrue(output.contains("SES delivery events"), output);
        assertTrue(output.contains("fault injection"), output);
        // aws-ses-v2-local has no identities: said, not hidden
        assertTrue(output.contains("keeps no identities nor configuration sets"), output);
        assertTrue(output.contains(aws.sent().mailsUri().toString()), output);
        assertFalse(output.contains("faults in force"), output);
    }
}
