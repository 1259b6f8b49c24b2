package io.convoc.localcloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random faults in front of the SES, SNS and S3 emulators: the fraction asked for (a seeded draw: the same at
 * every run), and each kind reaching an AWS SDK client as the error AWS would give.
 */
class FaultInjectorTest {
    private static final Template TEMPLATE = Template.parse("""
            Resources:
              Letters:
                Type: AWS::S3::Bucket
            """);
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(700);
    private static LocalCloud cloud;
    private static SesV2Client ses;
    private static SnsClient sns;
    private static S3Client s3;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(TEMPLATE, null);
        // what the functions' clients are, but for no retries (each fault seen once) and a short read timeout
        SdkHttpClient client = UrlConnectionHttpClient.builder().socketTimeout(CLIENT_TIMEOUT).build();
        ClientOverrideConfiguration noRetries = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build();
        Region region = Region.of(LocalCloud.REGION);
        ses = SesV2Client.builder().endpointOverride(URI.create(cloud.sesFaults().endpoint())).region(region)
                .credentialsProvider(LocalCloud.credentials()).httpClient(client).overrideConfiguration(noRetries).build();
        sns = SnsClient.builder().endpointOverride(URI.create(cloud.smsFaults().endpoint())).region(region)
                .credentialsProvider(LocalCloud.credentials()).httpClient(client).overrideConfiguration(noRetries).build();
        s3 = S3Client.builder().endpointOverride(URI.create(cloud.s3Faults().endpoint())).region(region)
                .credentialsProvider(LocalCloud.credentials()).httpClient(client).overrideConfiguration(noRetries)
                .forcePathStyle(true).build();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            List.of(ses, sns, s3).forEach(c -> c.close());
            cloud.close();
        }
    }

    @AfterEach
    void noMoreFaults() {
        for (String provider : List.of("ses", "sms", "s3")) {
            cloud.faultInjector(provider).failRandomly(null, null);
            cloud.faultInjector(provider).failNext(0, null);
        }
    }

    private static void only(FaultInjector injector, FaultInjector.Kind kind, Duration stall) {
        injector.failRandomly(new FaultInjector.RandomFaults(1.0, EnumSet.of(kind), stall), new Random(7));
    }

    // one call per provider, each to a unique destination so that its effect can be looked for
    private record Call(String provider, FaultInjector injector, Function<String, Object> send,
                        Function<String, Boolean> reached) {
    }

    private List<Call> calls() {
        return List.of(
                new Call("ses", cloud.sesFaults(), id -> ses.sendEmail(b -> b.fromEmailAddress("convoc@example.ma")
                        .destination(d -> d.toAddresses("faults@example.ma"))
                        .content(c -> c.simple(m -> m.subject(s -> s.data(id)).body(x -> x.text(t -> t.data("body")))))),
                        id -> sesStore().contains(id)),
                new Call("sms", cloud.smsFaults(), id -> sns.publish(b -> b.phoneNumber(id).message("bonjour")),
                        id -> !cloud.sms().messagesTo(id).isEmpty()),
                new Call("s3", cloud.s3Faults(), id -> s3.putObject(b -> b.bucket("letters").key(id),
                        RequestBody.fromString("letter " + id)),
                        id -> cloud.s3().listObjectsV2(b -> b.bucket("letters").prefix(id)).keyCount() > 0));
    }

    private static String unique(String provider) {
        return provider.equals("sms") ? "+2126" + (10_000_000 + new Random().nextInt(89_999_999))
                : provider + "-" + UUID.randomUUID();
    }

    private String sesStore() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(cloud.sesEmulator() + "/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSeededFractionOfRequestsFailsEveryKindAmongThem() throws Exception {
        FaultInjector s3Faults = cloud.s3Faults();
        Map<FaultInjector.Kind, Integer> first = null;
        for (int run = 0; run < 2; run++) {
            s3Faults.resetCounts();
            s3Faults.failRandomly(new FaultInjector.RandomFaults(0.2, EnumSet.allOf(FaultInjector.Kind.class),
                    Duration.ofMillis(5)), new Random(42));
            int failedSeen = 0;
            int passed = 0;
            for (int i = 0; i < 500; i++) {
                // a bare client: one request, one attempt (java.net.http would retry a GET that got no answer)
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(s3Faults.endpoint()).getPort())) {
                    socket.setSoTimeout(5000);
                    socket.getOutputStream().write(("GET /letters HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (answer.isEmpty() || answer.startsWith("HTTP/1.1 5")) {
                        failedSeen++;
                    } else {
                        assertTrue(answer.startsWith("HTTP/1.1 403"), answer); // s3proxy refuses an unsigned request
                        passed++;
                    }
                } catch (IOException reset) {
                    failedSeen++;
                }
            }
            Map<FaultInjector.Kind, Integer> injected = s3Faults.injected();
            int total = injected.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(500, s3Faults.requests());
            assertEquals(total, failedSeen, injected.toString());
            assertEquals(500 - total, passed);
            assertTrue(total >= 85 && total <= 115, "about 20% of 500: " + injected);
            injected.forEach((kind, n) -> assertTrue(n >= 12, "about 25 " + kind + ": " + injected));
            if (first == null) {
                first = injected;
            } else {
                assertEquals(first, injected, "the same seed, the same faults");
            }
        }
    }

    @Test
    void aThrottleIsTheServicesThrottlingError() {
        Map<String, List<Object>> expected = Map.of(
                "ses", List.of(429, "TooManyRequestsException"),
                "sms", List.of(400, "Throttling"),
                "s3", List.of(503, "SlowDown"));
        for (Call call : calls()) {
            only(call.injector(), FaultInjector.Kind.THROTTLE, Duration.ZERO);
            String id = unique(call.provider());
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> call.send().apply(id), call.provider());
            assertTrue(e.isThrottlingException(), call.provider() + ": " + e);
            assertEquals(expected.get(call.provider()), List.of(e.statusCode(), e.awsErrorDetails().errorCode()),
                    call.provider());
            assertFalse(call.reached().apply(id), call.provider());
        }
    }

    @Test
    void aServerErrorIsA5xxWithAwsCodes() {
        Map<String, Set<String>> codes = Map.of("ses", Set.of("InternalFailure", "ServiceUnavailable"),
                "sms", Set.of("InternalFailure", "ServiceUnavailable"), "s3", Set.of("InternalError", "ServiceUnavailable"));
        for (Call call : calls()) {
            call.injector().failRandomly(new FaultInjector.RandomFaults(1.0, EnumSet.of(FaultInjector.Kind.SERVER_ERROR),
                    Duration.ZERO), new Random(3));
            Set<Integer> statuses = new java.util.HashSet<>();
            for (int i = 0; i < 8; i++) {
                String id = unique(call.provider());
                AwsServiceException e = assertThrows(AwsServiceException.class, () -> call.send().apply(id));
                statuses.add(e.statusCode());
                assertTrue(codes.get(call.provider()).contains(e.awsErrorDetails().errorCode()), e.toString());
                assertEquals(e.statusCode() == 500, e.awsErrorDetails().errorCode().startsWith("Internal"), e.toString());
            }
            assertEquals(Set.of(500, 503), statuses, call.provider());
        }
    }

    @Test
    void aTimeoutIsAClientErrorAfterTheRequestTookEffect() {
        for (Call call : calls()) {
            only(call.injector(), FaultInjector.Kind.TIMEOUT, CLIENT_TIMEOUT.multipliedBy(3));
            String id = unique(call.provider());
            SdkClientException e = assertThrows(SdkClientException.class, () -> call.send().apply(id), call.provider());
            assertTrue(causes(e).stream().anyMatch(c -> c instanceof SocketTimeoutException), call.provider() + ": " + e);
            // the answer was lost, not the request: what a retry must not do twice
            assertTrue(call.reached().apply(id), call.provider() + " did not get the request");
        }
    }

    @Test
    void aResetIsAClientErrorAndTheRequestIsLost() {
        for (Call call : calls()) {
            only(call.injector(), FaultInjector.Kind.RESET, Duration.ZERO);
            String id = unique(call.provider());
            SdkClientException e = assertThrows(SdkClientException.class, () -> call.send().apply(id), call.provider());
            assertTrue(causes(e).stream().anyMatch(c -> c instanceof IOException), call.provider() + ": " + e);
            assertFalse(call.reached().apply(id), call.provider());
        }
    }

    @Test
    void withoutFaultsRequestsAndPresignedUrlsPassUnchangedAndFailNextStillWorks() throws Exception {
        for (Call call : calls()) {
            String id = unique(call.provider());
            call.send().apply(id);
            assertTrue(call.reached().apply(id), call.provider());
        }
        // the signature covers the Host header: a presigned GET through the injector still verifies at s3proxy
        String key = "presigned-" + UUID.randomUUID();
        s3.putObject(b -> b.bucket("letters").key(key), RequestBody.fromString("lettre ✓"));
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(cloud.s3Faults().endpoint()))
                .region(Region.of(LocalCloud.REGION)).credentialsProvider(LocalCloud.credentials())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build()).build()) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("letters").key(key))).url().toURI();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("lettre ✓", r.body());
        }
        assertEquals(10, s3.headObject(b -> b.bucket("letters").key(key)).contentLength());
        // the tests' API: the next n requests answer the fault given
        cloud.sesFaults().failNext(1, new FaultInjector.Fault(400, "application/json",
                "{\"message\":\"Email address is not verified.\"}", "MessageRejected"));
        Call sesCall = calls().get(0);
        AwsServiceException rejected = assertThrows(AwsServiceException.class, () -> sesCall.send().apply("x-" + UUID.randomUUID()));
        assertEquals("MessageRejected", rejected.awsErrorDetails().errorCode());
        String id = unique("ses");
        sesCall.send().apply(id);
        assertTrue(sesCall.reached().apply(id));
    }

    @Test
    void theCloudSaysWhichFaultsAreInForce() {
        Map<String, Double> fractions = new LinkedHashMap<>();
        fractions.put("ses", 0.2);
        fractions.put("sms", 0.2);
        fractions.put("s3", 0.05);
        cloud.injectFaults(fractions, new Random(1));
        Map<String, String> faults = cloud.faultsInForce();
        assertEquals(List.of("ses", "sms", "s3"), List.copyOf(faults.keySet()));
        assertEquals("20% of requests: throttling (429 TooManyRequestsException), 5xx (500 InternalFailure, "
                + "503 ServiceUnavailable), timeout (request done, no answer, closed after 35 s), connection reset",
                faults.get("ses"));
        assertTrue(faults.get("sms").contains("throttling (400 Throttling)"), faults.get("sms"));
        assertTrue(faults.get("s3").startsWith("5% of requests: throttling (503 SlowDown), 5xx (500 InternalError"),
                faults.get("s3"));
        noMoreFaults();
        assertTrue(cloud.faultsInForce().isEmpty());
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    /**
     * Without faults the proxy fails nothing: s3proxy may answer an aws-chunked upload before reading its last
     * bytes, and closing the client's connection on unread bytes would reset it (a write error, 1 request in 30).
     */
    @Test
    void withoutFaultsNoUploadFails() {
        for (int i = 0; i < 150; i++) {
            String key = "upload-" + i + "-" + UUID.randomUUID();
            s3.putObject(b -> b.bucket("letters").key(key), RequestBody.fromString("lettre ✓ " + key));
        }
        assertEquals(150, cloud.s3().listObjectsV2(b -> b.bucket("letters").prefix("upload-")).keyCount());
    }

    @Test
    void describesNoFaultsAsNone() {
        assertEquals("none", cloud.s3Faults().describe());
        assertInstanceOf(FaultInjector.class, cloud.faultInjector("sns"));
    }
}
