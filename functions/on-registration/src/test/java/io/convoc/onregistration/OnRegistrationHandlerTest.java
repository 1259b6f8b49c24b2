package io.convoc.onregistration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.streams.StreamImages;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.letters.LetterService;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.StreamPoller;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The letters workflow on the local cloud: the registrations stream, the real handlers, S3 and the API. */
@ExtendWith(LocalCloudExtension.class)
class OnRegistrationHandlerTest {
    private static LocalCloud cloud;
    private static RegistrationTable registrations;
    private static String bucket;
    private static ApiHandler api;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        bucket = cloud.bucketName("LettersBucket");
        cloud.startFunctions(List.of("OnRegistrationFunction", "LetterFailureFunction"));
        api = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Registration newRegistration(String eventId, String lastName, String arabicName) {
        Instant now = Instant.now();
        return new Registration(UUID.randomUUID().toString(), eventId, io.convoc.core.registration.Civility.MONSIEUR,
                new PersonName("Youssef", lastName, arabicName), "Wali de la Région", "والي الجهة",
                Category.WALI_GOVERNOR, "Ministère de l’Intérieur", null, UUID.randomUUID() + "@example.ma",
                "+212612345678", null, List.of("ws-numerique"), RegistrationSource.FORM, RegistrationStatus.RECEIVED,
                null, null, now, now);
    }

    private static Registration await(String id, Predicate<Registration> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Registration r = registrations.find(id).orElseThrow();
            if (condition.test(r)) {
                return r;
            }
            sleep(100);
        }
        throw new AssertionError("registration " + id + " did not reach the expected state: "
                + registrations.find(id).orElseThrow());
    }

    private static byte[] object(String key) {
        return cloud.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    @Test
    void aRegistrationGetsItsLetterInS3WithinSeconds() throws Exception {
        Registration r = newRegistration("assises-2024", "Tazi", "يوسف التازي");
        Registration[] awaited = new Registration[1];
        var metrics = io.convoc.localcloud.EmfLines.of(() -> {
            registrations.create(r);
            awaited[0] = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
            return null;
        });
        Registration ready = awaited[0];
        // CloudWatch counts the letter, its render time and its size, from the function's log (EMF)
        assertTrue(io.convoc.localcloud.EmfLines.sum(metrics, "Letters", java.util.Map.of("Outcome", "PRODUCED")) >= 1,
                metrics.toString());
        assertTrue(io.convoc.localcloud.EmfLines.sum(metrics, "LetterRenderTime", java.util.Map.of()) > 0,
                metrics.toString());
        assertTrue(io.convoc.localcloud.EmfLines.sum(metrics, "LetterBytes", java.util.Map.of()) > 10_000,
                metrics.toString());

        LetterInfo letter = ready.letter();
        assertEquals(1, letter.version());
        assertEquals("letters/assises-2024/" + r.id() + "/v1.pdf", letter.key());
        assertTrue(letter.reference().matches("ANRA-2024/\\d{4}"), letter.reference());
        byte[] pdf = object(letter.key());
        assertEquals(LetterService.sha256(pdf), letter.sha256());
        HeadObjectResponse head = cloud.s3().headObject(b -> b.bucket(bucket).key(letter.key()));
        assertEquals("application/pdf", head.contentType());
        assertEquals(letter.sha256(), head.metadata().get("sha256"));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("يوسف التازي"), "Arabic name in logical order: " + text);
            assertTrue(text.contains("Youssef") && text.contains("Tazi"), "Latin name");
            assertTrue(text.contains(letter.reference()), "reference");
        }
    }

    @Test
    void theLettersQrCodeIsVerifiedByTheApiAndATamperedOneIsRefused() throws Exception {
        Registration r = newRegistration("assises-2024", "Bennani", "يوسف بناني");
        registrations.create(r);
        Registration ready = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
        String url = decodeQr(object(ready.letter().key()));
        assertTrue(url.contains("/api/verify/" + r.id() + ".1."), url);
        String token = url.substring(url.lastIndexOf('/') + 1);

        APIGatewayV2HTTPResponse genuine = verify(token);
        assertEquals(200, genuine.getStatusCode(), genuine.getBody());
        assertTrue(genuine.getBody().contains("\"genuine\":true"), genuine.getBody());
        assertTrue(genuine.getBody().contains("\"current\":true"), genuine.getBody());
        assertTrue(genuine.getBody().contains("يوسف بناني"), genuine.getBody());
        assertFalse(genuine.getBody().contains(r.email()), "no contact data");
        assertFalse(genuine.getBody().contains("612345678"), "no contact data");

        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(404, verify(tampered).getStatusCode());
        String otherVersion = token.replace("." + 1 + ".", ".2.");
        assertEquals(404, verify(otherVersion).getStatusCode());
    }

    /**
     * A check-in desk without a network: the letter's QR token verifies with the published JWK Set and the JDK alone
     * (nothing of convoc), and a tampered token does not.
     */
    @Test
    void theLettersQrCodeVerifiesOfflineWithThePublishedKeyAlone() throws Exception {
        Registration r = newRegistration("assises-2024", "Lahlou", "يوسف لحلو");
        registrations.create(r);
        Registration ready = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
        String url = decodeQr(object(ready.letter().key()));
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(url.length() <= 213, "fits a version 10 QR code at level M: " + url.length() + " " + url);

        APIGatewayV2HTTPEvent keysRequest = SampleData.apiRequest("verify-keys.json");
        APIGatewayV2HTTPResponse keys = api.handleRequest(keysRequest, new LocalContext("ApiFunction", 1536, 30));
        assertEquals(200, keys.getStatusCode(), keys.getBody());
        com.fasterxml.jackson.databind.JsonNode jwks = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(keys.getBody());

        assertTrue(verifiesOffline(jwks, token), token);
        String[] parts = token.split("\\.");
        assertEquals(4, parts.length, token);
        assertFalse(verifiesOffline(jwks, parts[0] + ".2." + parts[2] + "." + parts[3]), "another version");
        assertFalse(verifiesOffline(jwks, UUID.randomUUID() + "." + parts[1] + "." + parts[2] + "." + parts[3]),
                "another registration");
        char first = parts[3].charAt(0);
        assertFalse(verifiesOffline(jwks, parts[0] + "." + parts[1] + "." + parts[2] + "."
                + (first == 'A' ? 'B' : 'A') + parts[3].substring(1)), "another signature");
    }

    /** Ed25519 (RFC 8032) with the key of the token's kid from the JWK Set (RFC 8037), by the JDK alone. */
    private static boolean verifiesOffline(com.fasterxml.jackson.databind.JsonNode jwks, String token)
            throws Exception {
        String[] parts = token.split("\\.");
        for (com.fasterxml.jackson.databind.JsonNode jwk : jwks.get("keys")) {
            if (parts.length == 4 && jwk.get("kid").asText().equals(parts[2])
                    && jwk.get("kty").asText().equals("OKP") && jwk.get("crv").asText().equals("Ed25519")) {
                // x is the point's y, little-endian, with the parity of its x in the top bit of the last byte
                byte[] x = java.util.Base64.getUrlDecoder().decode(jwk.get("x").asText());
                boolean xOdd = (x[31] & 0x80) != 0;
                byte[] y = new byte[32];
                for (int i = 0; i < 32; i++) {
                    y[i] = x[31 - i];
                }
                y[0] &= 0x7f;
                java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                        new java.security.spec.EdECPublicKeySpec(java.security.spec.NamedParameterSpec.ED25519,
                                new java.security.spec.EdECPoint(xOdd, new java.math.BigInteger(1, y))));
                java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
                ed.initVerify(key);
                ed.update(("convoc-letter-qr:" + parts[0] + "." + parts[1] + "." + parts[2])
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    return ed.verify(java.util.Base64.getUrlDecoder().decode(parts[3]));
                } catch (java.security.SignatureException e) {
                    return false; // not a signature at all (R is not a point of the curve)
                }
            }
        }
        return false;
    }

    @Test
    void anEmailedDownloadLinkAnswersWithAFreshS3LinkToTheLetterUntilItExpires() throws Exception {
        Registration r = newRegistration("assises-2024", "Chraibi", "يوسف الشرايبي");
        registrations.create(r);
        Registration ready = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
        io.convoc.core.letters.LetterTokens tokens = new io.convoc.core.letters.LetterTokens(
                cloud.secretValue("LetterTokenSecret"));

        APIGatewayV2HTTPResponse redirect = download(tokens.signDownload(r.id(), 1, Instant.now().plusSeconds(3600)));
        assertEquals(303, redirect.getStatusCode(), redirect.getBody());
        String location = redirect.getHeaders().get("Location");
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode(), "the presigned link is accepted by S3 (signature checked)");
        assertTrue(java.util.Arrays.equals(object(ready.letter().key()), pdf.body()));

        assertEquals(404, download(tokens.signDownload(r.id(), 1, Instant.now().minusSeconds(1))).getStatusCode());
        String url = decodeQr(object(ready.letter().key()));
        assertEquals(404, download(url.substring(url.lastIndexOf('/') + 1)).getStatusCode(),
                "a QR token is not a download token");
    }

    private static APIGatewayV2HTTPResponse download(String token) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("download-letter.json");
        event.setRawPath("/api/public/letters/" + token);
        event.getRequestContext().getHttp().setPath("/api/public/letters/" + token);
        return api.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    @Test
    void theSameStreamRecordTwiceWritesOneVersion() {
        Registration r = registrationOfSampleEvent("registration-insert.json");
        // the stream's own function handles the insert first; the record then comes twice more
        Registration produced = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
        assertEquals(1, produced.letter().version());
        String key = produced.letter().key();
        byte[] letter = object(key);
        // a mark in place of the stored letter: a replay that renders and stores the letter again replaces it
        byte[] mark = ("replay probe " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        cloud.s3().putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(mark));

        OnRegistrationHandler handler = new OnRegistrationHandler();
        DynamodbEvent event = withRegistration(EventLoader.loadDynamoDbEvent(
                SampleData.file("dynamodb/registration-insert.json").toString()), r, null);
        StreamsEventResponse first = handler.handleRequest(event, new LocalContext("OnRegistrationFunction", 2048, 60));
        StreamsEventResponse second = handler.handleRequest(event, new LocalContext("OnRegistrationFunction", 2048, 60));
        handler.close();
        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(second.getBatchItemFailures().isEmpty());
        assertTrue(java.util.Arrays.equals(mark, object(key)), "the replays rendered and stored nothing");
        Registration after = registrations.find(r.id()).orElseThrow();
        assertEquals(produced.letter(), after.letter(), "the same letter, reference and version");
        assertEquals(List.of("letters/assises-2024/" + r.id() + "/v1.pdf"), keys(r));
        cloud.s3().putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(letter));
    }

    @Test
    void aNameChangeMakesVersionTwoAndAnUnprintedChangeMakesNone() {
        Registration r = newRegistration("assises-2024", "Alami", "يوسف العلمي");
        registrations.create(r);
        Registration v1 = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);

        OnRegistrationHandler handler = new OnRegistrationHandler();
        Registration renamed = new Registration(v1.id(), v1.eventId(), v1.civility(),
                new PersonName("Youssef", "Alami Idrissi", "يوسف العلمي الإدريسي"), v1.titleFr(), v1.titleAr(),
                v1.category(), v1.organisation(), v1.region(), v1.email(), v1.mobile(), v1.languages(), v1.workshops(),
                v1.source(), v1.status(), null, v1.letter(), v1.createdAt(), Instant.parse("2024-11-25T09:30:00Z"));
        DynamodbEvent modify = withRegistration(EventLoader.loadDynamoDbEvent(
                SampleData.file("dynamodb/registration-renamed.json").toString()), renamed, v1);
        handler.handleRequest(modify, new LocalContext("OnRegistrationFunction", 2048, 60));
        Registration v2 = await(r.id(), x -> x.letter().version() == 2);
        assertEquals("letters/assises-2024/" + r.id() + "/v2.pdf", v2.letter().key());
        assertEquals(v1.letter().reference(), v2.letter().reference(), "a registration keeps its reference number");
        assertFalse(v1.letter().sha256().equals(v2.letter().sha256()));

        Registration statusOnly = v2.withStatus(RegistrationStatus.LETTER_READY, null, Instant.now());
        handler.handleRequest(withRegistration(EventLoader.loadDynamoDbEvent(
                        SampleData.file("dynamodb/registration-renamed.json").toString()), statusOnly, v2),
                new LocalContext("OnRegistrationFunction", 2048, 60));
        handler.close();
        assertEquals(2, registrations.find(r.id()).orElseThrow().letter().version());
        assertEquals(2, keys(r).size());
    }

    @Test
    void aProgrammeChangeMakesANewVersionThatRecordsItOnceEvenFromAnImageOlderThanTheFirstLetter() {
        Registration r = newRegistration("assises-2024", "Idrissi", "يوسف الإدريسي");
        registrations.create(r);
        Registration v1 = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_READY);
        assertEquals(0, v1.letter().scheduleChange());

        // the fan-out marks the registration (the stream brings that change too); a record of it whose image was taken
        // before the first letter was recorded holds no letter
        registrations.markScheduleChanged(r.id(), 5, Instant.parse("2024-12-12T08:00:00Z"));
        Registration marked = new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(),
                r.category(), r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), r.workshops(),
                r.source(), r.status(), null, null, r.createdAt(), Instant.parse("2024-12-12T08:00:00Z"), 5);
        DynamodbEvent modify = withRegistration(EventLoader.loadDynamoDbEvent(
                SampleData.file("dynamodb/registration-renamed.json").toString()), marked, r);
        OnRegistrationHandler handler = new OnRegistrationHandler();
        handler.handleRequest(modify, new LocalContext("OnRegistrationFunction", 2048, 60));
        handler.handleRequest(modify, new LocalContext("OnRegistrationFunction", 2048, 60));
        handler.close();
        Registration v2 = await(r.id(), x -> x.letter().version() == 2);
        assertEquals(5, v2.letter().scheduleChange(), "the letter records the change it shows");
        assertEquals(v1.letter().reference(), v2.letter().reference());
        assertEquals(List.of("letters/assises-2024/" + r.id() + "/v1.pdf", "letters/assises-2024/" + r.id() + "/v2.pdf"),
                keys(r), "replayed: still one new version");
    }

    @Test
    void aLetterThatCannotBeProducedEndsLetterFailedWithTheReason() {
        // no programme for this event: rendering cannot succeed, however often it is retried
        Registration r = newRegistration("ghost-" + UUID.randomUUID(), "Fantome", "");
        registrations.create(r);
        Registration failed = await(r.id(), x -> x.status() == RegistrationStatus.LETTER_FAILED);
        assertTrue(failed.statusReason().startsWith("letter not produced after"), failed.statusReason());
        assertTrue(keys(r).isEmpty());
    }

    /**
     * The sample on-failure event (events/sqs/letter-failure.json) as Lambda sends it when a stream batch's retries
     * ran out, re-keyed to this test's stream record, through the real LetterFailureHandler: the registration of that
     * record ends LETTER_FAILED with the reason the event gives.
     */
    @Test
    void theSampleLetterFailureEventMarksItsRegistrationLetterFailed() {
        // no programme for this event: the stream's function cannot produce the letter either, and only marks it
        // failed itself after its own retries, long after this test's direct call
        Registration r = newRegistration("ghost-" + UUID.randomUUID(), "Berrada", "");
        registrations.create(r);
        SQSEvent event = EventLoader.loadSQSEvent(SampleData.file("sqs/letter-failure.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        String streamArn = cloud.dynamo().describeTable(b -> b.tableName(cloud.tableName("RegistrationsTable")))
                .table().latestStreamArn();
        String[] position = streamPositionOf(streamArn, r.id());
        String body = message.getBody()
                .replace("arn:aws:dynamodb:eu-west-3:123456789012:table/convoc-RegistrationsTable-1ABC/stream/"
                        + "2024-11-01T00:00:00.000", streamArn)
                .replace("shardId-00000001732096800000-1a2b3c4d", position[0])
                .replace("100000000000000000001", position[1]);
        assertFalse(body.equals(message.getBody()));
        message.setBody(body);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                registrations.find(r.id()).orElseThrow().status() == RegistrationStatus.RECEIVED,
                "the stream's function has not marked it yet: the effect seen is the sample event's");
        LetterFailureHandler handler = new LetterFailureHandler();
        try {
            SQSBatchResponse response = handler.handleRequest(event, new LocalContext("LetterFailureFunction", 512, 30));
            assertTrue(response.getBatchItemFailures().isEmpty());
        } finally {
            handler.close();
        }
        Registration failed = registrations.find(r.id()).orElseThrow();
        assertEquals(RegistrationStatus.LETTER_FAILED, failed.status(), failed.toString());
        assertEquals("letter not produced after 4 attempts (RetryAttemptsExhausted)", failed.statusReason());
        assertTrue(keys(r).isEmpty());
    }

    /** The shard and sequence number of the stream record that inserted this registration. */
    private static String[] streamPositionOf(String streamArn, String registrationId) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(java.net.URI.create(cloud.endpoints().get("dynamodb")))
                .region(software.amazon.awssdk.regions.Region.of(LocalCloud.REGION))
                .credentialsProvider(LocalCloud.credentials())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                    for (Record record : response.records()) {
                        if (registrationId.equals(record.dynamodb().keys().get("id").s())) {
                            return new String[] {shard.shardId(), record.dynamodb().sequenceNumber()};
                        }
                    }
                    if (response.records().isEmpty()) {
                        break;
                    }
                    iterator = response.nextShardIterator();
                }
            }
        }
        throw new AssertionError("no stream record for " + registrationId);
    }

    /** The sample stream event's registration, stored under a fresh id so that tests keep to their own data. */
    private static Registration registrationOfSampleEvent(String file) {
        DynamodbEvent sample = EventLoader.loadDynamoDbEvent(SampleData.file("dynamodb/" + file).toString());
        Registration fromEvent = StreamImages.registration(sample.getRecords().get(0).getDynamodb().getNewImage());
        Registration fresh = new Registration(UUID.randomUUID().toString(), fromEvent.eventId(), fromEvent.civility(),
                fromEvent.name(), fromEvent.titleFr(), fromEvent.titleAr(), fromEvent.category(),
                fromEvent.organisation(), fromEvent.region(), UUID.randomUUID() + "@example.ma", fromEvent.mobile(),
                fromEvent.languages(), fromEvent.workshops(), fromEvent.source(), fromEvent.status(), null, null,
                fromEvent.createdAt(), fromEvent.updatedAt());
        registrations.create(fresh);
        return fresh;
    }

    private static DynamodbEvent withRegistration(DynamodbEvent event, Registration after, Registration before) {
        var record = event.getRecords().get(0);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image =
                io.convoc.aws.dynamo.RegistrationItems.toImage(after);
        record.getDynamodb().setNewImage(StreamPoller.toLambda(image));
        record.getDynamodb().setKeys(Map.of("id", StreamPoller.toLambda(Map.of("id", image.get("id"))).get("id")));
        if (before != null) {
            record.getDynamodb().setOldImage(StreamPoller.toLambda(io.convoc.aws.dynamo.RegistrationItems.toImage(before)));
        }
        return event;
    }

    private static List<String> keys(Registration r) {
        return cloud.s3().listObjectsV2(b -> b.bucket(bucket).prefix("letters/" + r.eventId() + "/" + r.id() + "/"))
                .contents().stream().map(o -> o.key()).sorted().toList();
    }

    private static String decodeQr(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(page))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        }
    }

    private static APIGatewayV2HTTPResponse verify(String token) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("verify-letter.json");
        event.setRawPath("/api/verify/" + token);
        event.getRequestContext().getHttp().setPath("/api/verify/" + token);
        return api.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
