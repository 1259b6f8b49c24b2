package io.convoc.localcloud;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The AWS APIs convoc uses, run on this machine by open-source emulators, with the resources of
 * template.yaml created in them. Production code is pointed at them the way the AWS SDK is pointed at
 * any endpoint (service-specific endpoint URLs, credentials and region as system properties), and each
 * function's environment variables are resolved from the template as CloudFormation would. {@link #attach} does the
 * same on AWS APIs someone else runs (LocalStack), starting no emulator.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String REGION = "eu-west-3";
    public static final String ACCOUNT = "000000000000";

    /** Parameters a local run overrides: a programme edit's quiet window is seconds, not minutes. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of("QuietWindowSeconds", "10");
    /** Tests wait on conditions: the shortest windows that still show an edit being held back. */
    public static final Map<String, String> TEST_PARAMETERS = Map.of("QuietWindowSeconds", "2",
            // tests that exhaust a notice's attempts inject one failure per attempt: keep them few
            "NoticeMaxReceiveCount", "5");

    private final Template template;
    private final Path workDir;
    private final Map<String, String> parameters;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private S3Client s3;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private String sesEmulator;
    private FaultInjector sesFaults;
    private SmsSink smsSink;
    private FaultInjector smsFaults;
    private FaultInjector s3Faults;
    private volatile boolean atLeastOnce;
    private volatile Integer sqsConcurrency;
    /** Null: this cloud runs its own emulators; else the AWS APIs it was attached to (LocalStack). */
    private Attach attached;
    private String streamsEndpoint;
    private SentMessages sent;
    /** What the attached target lacks or was not asked for, said in the banner. */
    private final List<String> notes = new ArrayList<>();

    private LocalCloud(Template template, Path workDir, Map<String, String> parameters) {
        this.template = template;
        this.workDir = workDir;
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * Starts the emulators and creates the template's resources.
     *
     * @param dataDir where to persist data between runs, or null to keep everything in memory (tests)
     */
    public static LocalCloud start(Template template, Path dataDir) {
        return start(template, dataDir, dataDir == null ? TEST_PARAMETERS : LOCAL_PARAMETERS);
    }

    /** @param parameters template parameters given other values than their defaults */
    public static LocalCloud start(Template template, Path dataDir, Map<String, String> parameters) {
        Path work = dataDir != null ? dataDir : tempDir();
        LocalCloud cloud = new LocalCloud(template, work, parameters);
        if (dataDir == null) {
            // in memory: its keys, tokens and logs go when it stops (closed last, after every emulator)
            cloud.running.add(() -> LocalFiles.deleteTree(work));
        }
        try {
            cloud.startDynamo(dataDir != null ? dataDir.resolve("dynamodb.sqlite") : null);
            cloud.startS3(dataDir != null ? dataDir.resolve("s3") : null);
            cloud.startSqs(dataDir == null ? 1 : null);
            cloud.startSes();
            cloud.startSms();
            cloud.startSecrets();
            cloud.sent = new SentMessages(URI.create(cloud.sesEmulator + "/store"),
                    URI.create(cloud.smsSink.endpoint() + "/messages"));
            cloud.exportSettings();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /**
     * Starts no emulator of its own for the AWS APIs: creates the template's resources (tables, queues and their
     * redrive, bucket, secrets, and SES's sender identity and configuration set) on {@code target}, a LocalStack the
     * user runs or an endpoint per service, the same way {@link #start} creates them in its emulators, and points
     * every function and poller at it. The local Lambda (pollers, schedules, API gateway, sign-in) stays in this
     * process. No fault injection (nothing stands between the functions and the target) and no SES event
     * publishing (see {@link #startSesEvents}).
     *
     * @param dataDir where the secrets' values, tokens and logs are kept, or null for a temporary folder (and, as in
     *                {@link #start}, queues with a 1-second visibility timeout, one worker each)
     */
    public static LocalCloud attach(Template template, Path dataDir, Map<String, String> parameters, Attach target) {
        Path work = dataDir != null ? dataDir : tempDir();
        LocalCloud cloud = new LocalCloud(template, work, parameters);
        cloud.attached = Objects.requireNonNull(target);
        if (dataDir == null) {
            cloud.running.add(() -> LocalFiles.deleteTree(work));
        }
        try {
            cloud.useDynamo(target.endpoint(Attach.Service.DYNAMODB).toString(),
                    target.endpoint(Attach.Service.DYNAMODB_STREAMS).toString());
            String s3 = target.endpoint(Attach.Service.S3).toString();
            cloud.useS3(s3, s3);
            cloud.useSqs(target.endpoint(Attach.Service.SQS).toString(), dataDir == null ? 1 : null);
            cloud.attachSes(target.endpoint(Attach.Service.SES).toString());
            String sns = target.endpoint(Attach.Service.SNS).toString();
            cloud.endpoints.put("sns", sns);
            System.setProperty("aws.endpointUrlSns", sns);
            cloud.attachSecrets(target.endpoint(Attach.Service.SECRETS_MANAGER).toString());
            cloud.sent = new SentMessages(target.sentMails(), target.sentSms());
            cloud.endpoints.put("ses (sent mails)", target.sentMails().toString());
            cloud.endpoints.put("sns sms (sent)", target.sentSms().toString());
            cloud.exportSettings();
            return cloud;
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            cloud.close();
            // nothing answers there: say which target, not only the SDK's stack
            throw new IllegalStateException("cannot reach " + target.name() + " (is it running?): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void startDynamo(Path dbFile) {
        Path binary = Paths.npm("@dynoxide/linux-x64/dynoxide");
        int port = Emulator.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "serve", "--port", String.valueOf(port)));
        if (dbFile != null) {
            command.addAll(List.of("--db-path", dbFile.toString()));
        }
        Emulator emulator = Emulator.start("DynamoDB (dynoxide)", command, port, workDir.resolve("dynoxide.log"));
        running.add(emulator);
        useDynamo(emulator.endpoint(), emulator.endpoint());
    }

    /** Points the functions at DynamoDB (and its Streams) there, and creates the template's tables. */
    private void useDynamo(String endpoint, String streams) {
        endpoints.put("dynamodb", endpoint);
        streamsEndpoint = streams;
        System.setProperty("aws.endpointUrlDynamoDb", endpoint);
        System.setProperty("aws.endpointUrlDynamoDbStreams", streams);
        dynamo = client(DynamoDbClient.builder(), endpoint);
        running.add(dynamo);
        physicalIds.putAll(Tables.create(dynamo, template));
    }

    private void startS3(Path dir) {
        try {
            org.gaul.s3proxy.blobstore.BlobStore store;
            if (dir != null) {
                Files.createDirectories(dir);
                store = new FilesystemNio2BlobStore(dir.toString());
            } else {
                store = new TransientNio2BlobStore();
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local")
                    .stopTimeout(0)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Emulator.sleep(10);
            }
            running.add(proxy::stop);
            String endpoint = "http://127.0.0.1:" + proxy.getPort();
            // the functions reach s3proxy through a fault injector (it passes requests on byte for byte: signatures
            // and presigned URLs hold); the cloud's own client, which tests read with, goes straight to s3proxy
            s3Faults = FaultInjector.start(endpoint, FaultInjector.Service.S3);
            running.add(s3Faults);
            useS3(s3Faults.endpoint(), endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3 (s3proxy)", e);
        }
    }

    /**
     * Points the functions at S3 there ({@code functions}), reads it directly ({@code direct}), and creates the
     * template's buckets.
     */
    private void useS3(String functions, String direct) {
        endpoints.put("s3", functions);
        System.setProperty("aws.endpointUrlS3", functions);
        s3 = client(S3Client.builder().forcePathStyle(true), direct);
        running.add(s3);
        template.resourcesOfType("AWS::S3::Bucket").keySet().forEach(id -> {
            String bucket = id.toLowerCase(java.util.Locale.ROOT);
            if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                // outside us-east-1 S3 wants the bucket's region named (LocalStack checks it as AWS does)
                s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            }
            physicalIds.put(id, bucket);
        });
    }

    private void startSqs(Integer visibilityOverride) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        running.add(server::stopAndWait);
        useSqs("http://127.0.0.1:" + port, visibilityOverride);
    }

    /** Points the functions at SQS there, and creates the template's queues with their redrive policies. */
    private void useSqs(String endpoint, Integer visibilityOverride) {
        endpoints.put("sqs", endpoint);
        System.setProperty("aws.endpointUrlSqs", endpoint);
        sqs = client(SqsClient.builder(), endpoint);
        running.add(sqs);
        queueUrls.putAll(Queues.create(sqs, template, this, visibilityOverride));
        if (visibilityOverride != null) {
            // a visibility timeout shorter than the functions' own timeouts (Lambda refuses such a mapping): a second
            // worker would receive a message the first is still handling. One worker, unless asked (sqsConcurrency).
            sqsConcurrency = 1;
        }
        Queues.redrive(sqs, template, this, queueUrls);
        physicalIds.putAll(queueUrls);
    }

    private void startSes() {
        try {
            int port = Emulator.freePort();
            Emulator emulator = Emulator.start("SES v2 (aws-ses-v2-local)", List.of("node",
                    Paths.npm("aws-ses-v2-local/dist/cli.js").toString(), "--host", "127.0.0.1", "--port",
                    String.valueOf(port)), port, workDir.resolve("ses.log"));
            running.add(emulator);
            sesEmulator = emulator.endpoint();
            sesFaults = FaultInjector.start(sesEmulator, FaultInjector.Service.SES);
            running.add(sesFaults);
            endpoints.put("ses (inbox)", sesEmulator + "/");
            System.setProperty("aws.endpointUrlSesV2", sesFaults.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SES (aws-ses-v2-local)", e);
        }
    }

    private void startSms() {
        try {
            smsSink = SmsSink.start();
            running.add(smsSink);
            smsFaults = FaultInjector.start(smsSink.endpoint(), FaultInjector.Service.SNS);
            running.add(smsFaults);
            endpoints.put("sns sms (sink)", smsSink.endpoint() + "/messages");
            System.setProperty("aws.endpointUrlSns", smsFaults.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SMS sink", e);
        }
    }

    private void startSecrets() {
        try {
            Set<String> secrets = template.resourcesOfType("AWS::SecretsManager::Secret").keySet();
            SecretsEmulator emulator = SecretsEmulator.start("arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT
                    + ":secret:", name -> secrets.contains(name) ? secret(name) : null);
            running.add(emulator);
            secrets.forEach(name -> physicalIds.put(name, emulator.arnOf(name)));
            endpoints.put("secrets manager", emulator.endpoint());
            System.setProperty("aws.endpointUrlSecretsManager", emulator.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Secrets Manager emulator", e);
        }
    }

    /**
     * Points the functions at SES v2 there, and makes what AWS needs before a mail goes out and an emulator may check:
     * the sender's identity ({@code SenderAddress}; LocalStack verifies it at once) and the template's configuration
     * sets (the functions name one in every send). Their event destinations are not created: no function here would
     * receive their events. An endpoint that has no identities nor configuration sets (aws-ses-v2-local answers 404)
     * sends from any address: that is noted, not an error.
     */
    private void attachSes(String endpoint) {
        endpoints.put("ses", endpoint);
        System.setProperty("aws.endpointUrlSesV2", endpoint);
        try (software.amazon.awssdk.services.sesv2.SesV2Client ses = client(
                software.amazon.awssdk.services.sesv2.SesV2Client.builder(), endpoint)) {
            String sender = resolve(Map.of("Ref", "SenderAddress"));
            java.util.regex.Matcher address = java.util.regex.Pattern.compile("<([^>]+)>").matcher(sender);
            String identity = address.find() ? address.group(1) : sender.strip();
            boolean managed = createIfMissing(() -> ses.createEmailIdentity(b -> b.emailIdentity(identity)));
            for (String set : template.resourcesOfType("AWS::SES::ConfigurationSet").keySet()) {
                String name = resolve(Map.of("Ref", set));
                managed &= createIfMissing(() -> ses.createConfigurationSet(b -> b.configurationSetName(name)));
            }
            if (!managed) {
                notes.add("SES at " + endpoint + " keeps no identities nor configuration sets: it sends from any address");
            }
        }
    }

    /** @return false when the endpoint does not have that kind of resource at all (404) */
    private static boolean createIfMissing(Runnable create) {
        try {
            create.run();
            return true;
        } catch (software.amazon.awssdk.services.sesv2.model.AlreadyExistsException alreadyThere) {
            return true; // a LocalStack that outlived an earlier run
        } catch (software.amazon.awssdk.services.sesv2.model.SesV2Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Creates the template's secrets there with the values of the data folder (so that tokens printed by an earlier
     * run still verify), or sets those values if they exist; the functions get the ARNs Secrets Manager returned.
     */
    private void attachSecrets(String endpoint) {
        endpoints.put("secrets manager", endpoint);
        System.setProperty("aws.endpointUrlSecretsManager", endpoint);
        try (software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secrets = client(
                software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder(), endpoint)) {
            for (String name : template.resourcesOfType("AWS::SecretsManager::Secret").keySet()) {
                String value = secret(name);
                String arn;
                try {
                    arn = secrets.createSecret(b -> b.name(name).secretString(value)).arn();
                } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
                    arn = secrets.putSecretValue(b -> b.secretId(name).secretString(value)).arn();
                }
                physicalIds.put(name, arn);
            }
        }
    }

    /**
     * The value of the template's secret {@code logicalId}, as the functions read it from Secrets Manager (tests
     * sign or check tokens with it).
     */
    public String secretValue(String logicalId) {
        if (!template.resourcesOfType("AWS::SecretsManager::Secret").containsKey(logicalId)) {
            throw new IllegalArgumentException(logicalId + " is not a secret of the template");
        }
        return secret(logicalId);
    }

    /** What the AWS SDK reads, set so that every client built in this JVM reaches the emulators. */
    private void exportSettings() {
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        // s3proxy serves buckets in the path, not as host names
        System.setProperty("S3_FORCE_PATH_STYLE", "true");
        functionEnvironment().forEach(System::setProperty);
    }

    /** Handlers are created one at a time: each swaps the process's properties for its own while its context starts. */
    private static final Object ENVIRONMENT = new Object();

    /**
     * The handler of function {@code functionLogicalId}, created as Lambda creates it (public no-arg constructor).
     * The local run puts every function on one class path, so each function's context holds every module's beans
     * (Micronaut starts a Lambda's singletons eagerly): they need the union of the functions' environments, which
     * stays in the system properties. Each function alone with its own environment is checked on the Lambda jars
     * ({@link #withEnvironmentOf}, {@code LambdaJarsTest}).
     */
    public <T> T newHandler(String functionLogicalId) {
        return HttpApiGateway.newHandler(template, functionLogicalId);
    }

    /**
     * Runs {@code start} (a function's handler being created, its context starting: Micronaut reads the properties
     * then) with only the environment template.yaml gives {@code functionLogicalId}: the variables of the other
     * functions are taken out of the system properties meanwhile, and put back after.
     */
    public <T> T withEnvironmentOf(String functionLogicalId, java.util.function.Supplier<T> start) {
        java.util.Set<String> own = template.environmentOf(functionLogicalId).keySet();
        synchronized (ENVIRONMENT) {
            Map<String, String> others = new LinkedHashMap<>();
            for (String name : functionEnvironment().keySet()) {
                String value = System.getProperty(name);
                if (!own.contains(name) && value != null) {
                    others.put(name, value);
                    System.clearProperty(name);
                }
            }
            try {
                return start.get();
            } finally {
                others.forEach(System::setProperty);
            }
        }
    }

    /**
     * The environment variables of every function in the template, resolved against the local resources.
     * Functions share resources, so a variable has one value across functions; a clash is a template bug.
     */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(fn ->
                template.environmentOf(fn).forEach((name, value) -> {
                    String resolved = dynamicReferences(resolve(value));
                    String previous = env.putIfAbsent(name, resolved);
                    if (previous != null && !previous.equals(resolved)) {
                        throw new IllegalStateException("environment variable " + name + " differs between functions");
                    }
                }));
        return env;
    }

    private static final java.util.regex.Pattern SECRET_REFERENCE =
            java.util.regex.Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+)[^}]*}}");

    /**
     * CloudFormation's {@code {{resolve:secretsmanager:…}}}: locally each secret is a random value kept in
     * the data folder, so a persisted local run keeps verifying the tokens it printed.
     */
    private String dynamicReferences(String value) {
        java.util.regex.Matcher m = SECRET_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(secret(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String secret(String name) {
        Path file = workDir.resolve("secrets").resolve(name);
        try {
            if (!Files.exists(file)) {
                LocalFiles.writePrivate(file, generatedSecret(name));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new secret's value. When the template's secret generates a JSON object ({@code SecretStringTemplate} and
     * {@code GenerateStringKey}), that object with a random string of {@code PasswordLength} letters and digits at the
     * key, as Secrets Manager makes it; otherwise 64 random hex digits.
     */
    private String generatedSecret(String name) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        Template.Resource resource = template.resources().get(name);
        Map<String, Object> generate = resource == null ? Map.of()
                : Template.map(resource.properties().get("GenerateSecretString"));
        if (generate.get("SecretStringTemplate") instanceof String json && generate.get("GenerateStringKey") instanceof String key) {
            int length = generate.get("PasswordLength") instanceof Number n ? n.intValue() : 32;
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder value = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var object = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            object.put(key, value.toString());
            return object.toString();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Resolves an intrinsic function the way CloudFormation would, against the local resources. */
    public String resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            String fn = (String) e.getKey();
            switch (fn) {
                case "Ref":
                    return ref((String) e.getValue());
                case "Fn::GetAtt":
                    List<Object> parts = Template.list(e.getValue());
                    return getAtt((String) parts.get(0), (String) parts.get(1));
                case "Fn::Sub":
                    return sub(e.getValue());
                default:
                    throw new IllegalArgumentException("the local cloud cannot resolve " + fn);
            }
        }
        return Objects.toString(value, "");
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return "convoc-local";
            case "AWS::Partition":
                return "aws";
            default:
                break;
        }
        String physical = physicalIds.get(name);
        if (physical != null) {
            return physical;
        }
        Map<String, Object> parameter = Template.map(Template.map(template.root().get("Parameters")).get(name));
        if (!parameter.isEmpty() && parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (!parameter.isEmpty()) {
            return Objects.toString(parameter.get("Default"), "");
        }
        if (template.resources().containsKey(name)) {
            return name;
        }
        throw new IllegalArgumentException("!Ref " + name + ": no such resource or parameter");
    }

    private String getAtt(String resource, String attribute) {
        Template.Resource r = template.resources().get(resource);
        if (r == null) {
            throw new IllegalArgumentException("!GetAtt " + resource + ": no such resource");
        }
        String service = r.type().split("::")[1].toLowerCase(java.util.Locale.ROOT);
        return switch (attribute) {
            case "QueueName" -> resource;
            case "Arn" -> "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
            default -> "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + ref(resource) + "/" + attribute;
        };
    }

    private String sub(Object spec) {
        String text;
        Map<String, Object> vars = Map.of();
        if (spec instanceof List<?> l) {
            text = (String) l.get(0);
            vars = Template.map(l.get(1));
        } else {
            text = (String) spec;
        }
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (vars.containsKey(name)) {
                value = resolve(vars.get(name));
            } else if (name.contains(".")) {
                String[] p = name.split("\\.", 2);
                value = getAtt(p[0], p[1]);
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The local cloud's own client of a service at {@code endpoint}: its region, its credentials, the JDK's HTTP. */
    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(B builder,
                                                                                                 String endpoint) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    private LocalIdentity identity;
    private LocalSignIn signIn;

    /** The user pool's hosted sign-in for the console (its users' passwords kept in the data folder). */
    public synchronized LocalSignIn signIn() {
        if (signIn == null && identity() != null) {
            signIn = LocalSignIn.of(workDir, identity());
        }
        return signIn;
    }

    /**
     * The user pool of the HTTP API's JWT authorizer, locally: issuer and audience as the template resolves them,
     * its signing key kept in the data folder. Null when the API has no authorizer.
     */
    public synchronized LocalIdentity identity() {
        if (identity == null) {
            Map<String, Object> authorizer = HttpApiGateway.defaultAuthorizer(template);
            if (authorizer == null) {
                return null;
            }
            Map<String, Object> jwt = Template.map(authorizer.get("JwtConfiguration"));
            identity = LocalIdentity.of(workDir, resolve(jwt.get("issuer")),
                    resolve(Template.list(jwt.get("audience")).get(0)));
        }
        return identity;
    }

    /**
     * Wires functions of the template to their event sources, as Lambda's event-source mappings would:
     * each named function gets a poller per DynamoDB stream or SQS queue it declares. A stream is read by one
     * handler instance (created as Lambda creates it), in order; a queue by up to its mapping's
     * {@code MaximumConcurrency} workers ({@link SqsPoller#DEFAULT_CONCURRENCY} without), each with its own
     * handler instance created at its first message. With {@link #atLeastOnce(boolean)}, every batch is handled
     * twice.
     */
    public void startFunctions(java.util.Collection<String> functionLogicalIds) {
        software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams = client(
                software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder(), streamsEndpoint);
        running.add(streams);
        List<SqsPoller> queuePollers = new ArrayList<>();
        for (String fn : functionLogicalIds) {
            Object handler = null;
            for (EventSourceMapping mapping : EventSourceMapping.of(template, fn)) {
                Runnable poller;
                if (mapping.type().equals("DynamoDB")) {
                    if (handler == null) {
                        handler = newHandler(fn);
                        if (handler instanceof AutoCloseable c) {
                            running.add(c);
                        }
                    }
                    String table = tableName(mapping.sourceLogicalId());
                    String streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
                    String dlq = mapping.onFailureQueue() == null ? null : queueUrl(mapping.onFailureQueue());
                    // lane 0 gets the function's handler; the other lanes of a parallelization factor their own
                    Object first = handler;
                    java.util.concurrent.atomic.AtomicBoolean firstGiven = new java.util.concurrent.atomic.AtomicBoolean();
                    @SuppressWarnings("unchecked")
                    StreamPoller p = new StreamPoller(fn, streamArn, streams, () -> {
                        Object h = firstGiven.getAndSet(true) ? newHandler(fn) : first;
                        if (h != first && h instanceof AutoCloseable c) {
                            synchronized (running) {
                                running.add(c);
                            }
                        }
                        return (com.amazonaws.services.lambda.runtime.RequestHandler<
                                com.amazonaws.services.lambda.runtime.events.DynamodbEvent,
                                com.amazonaws.services.lambda.runtime.events.StreamsEventResponse>) h;
                    }, mapping, info -> {
                                System.err.println("[" + fn + "] retries exhausted: " + info);
                                if (dlq != null) {
                                    sqs.sendMessage(b -> b.queueUrl(dlq).messageBody(info));
                                }
                            }, atLeastOnce);
                    running.add(p::stop);
                    poller = p;
                } else {
                    SqsPoller p = new SqsPoller(fn, sqs, queueUrl(mapping.sourceLogicalId()),
                            "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + mapping.sourceLogicalId(),
                            () -> this.<com.amazonaws.services.lambda.runtime.RequestHandler<
                                    com.amazonaws.services.lambda.runtime.events.SQSEvent,
                                    com.amazonaws.services.lambda.runtime.events.SQSBatchResponse>>newHandler(fn),
                            mapping, sqsConcurrency, atLeastOnce);
                    queuePollers.add(p);
                    pollers.put(fn + "/" + mapping.sourceLogicalId(), p);
                    p.start();
                    continue;
                }
                Thread thread = new Thread(poller, fn + "-" + mapping.sourceLogicalId());
                thread.setDaemon(true);
                thread.start();
            }
        }
        // stopping: every worker told at once, then waited for (a long poll lasts a second), each closing its handler
        running.add(() -> {
            queuePollers.forEach(SqsPoller::stop);
            queuePollers.forEach(p -> p.awaitStopped(java.time.Duration.ofSeconds(3)));
        });
    }

    private final Map<String, SqsPoller> pollers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The SQS mapping of a function's queue started by {@link #startFunctions}, or null. */
    public SqsPoller sqsPoller(String functionLogicalId, String queueLogicalId) {
        return pollers.get(functionLogicalId + "/" + queueLogicalId);
    }

    /**
     * At least once: every SQS and DynamoDB stream batch of the functions started from now on is handled twice,
     * the second time reordered, before the poller deletes or checkpoints on the second outcome (as Lambda may
     * deliver a batch again). Off by default.
     */
    public LocalCloud atLeastOnce(boolean on) {
        this.atLeastOnce = on;
        return this;
    }

    public boolean atLeastOnce() {
        return atLeastOnce;
    }

    /**
     * Workers of each SQS mapping started from now on: null for Lambda's (the mapping's
     * {@code ScalingConfig.MaximumConcurrency}, else {@link SqsPoller#DEFAULT_CONCURRENCY}), or that number. Lambda's
     * by default; 1 when the queues' visibility timeouts are shortened (tests, in-memory runs: 1 s, less than any
     * function takes, so a second worker would get a message still being handled), unless a test asks.
     */
    public LocalCloud sqsConcurrency(Integer workers) {
        this.sqsConcurrency = workers;
        return this;
    }

    /** Workers per SQS mapping started from now on: null for Lambda's, see {@link #sqsConcurrency(Integer)}. */
    public Integer sqsConcurrency() {
        return sqsConcurrency;
    }

    /**
     * Drives the {@code Type: Schedule} events of the named functions with a timer: each function's handler (one
     * instance) gets a real {@code ScheduledEvent} every {@code localPeriod}, whatever the rule's rate or cron (see
     * {@link Schedules}). Nothing fires unless this is called: tests get no background timer by default.
     *
     * @return the running schedules (stopped with the cloud, or earlier by closing them)
     */
    public Schedules startSchedules(java.util.Collection<String> functionLogicalIds, java.time.Duration localPeriod) {
        return startSchedules(functionLogicalIds, localPeriod, System.out);
    }

    public Schedules startSchedules(java.util.Collection<String> functionLogicalIds, java.time.Duration localPeriod,
                                    java.io.PrintStream log) {
        Schedules schedules = Schedules.start(template, functionLogicalIds, localPeriod, log, this::newHandler);
        running.add(schedules);
        return schedules;
    }

    /** Every function of the template with an enabled {@code Type: Schedule} event. */
    public List<String> scheduledFunctions() {
        return template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .filter(fn -> Schedules.of(template, fn).stream().anyMatch(Schedules.Schedule::enabled)).toList();
    }

    /**
     * Random faults between the functions and the emulators, by provider: {@code ses}, {@code sms} (or
     * {@code sns}), {@code s3} → the fraction of requests that fail (throttling, 5xx, timeout or reset, drawn at
     * random). A seeded {@code random} makes the faults repeatable.
     */
    public void injectFaults(Map<String, Double> fractions, java.util.Random random) {
        if (attached != null && !fractions.isEmpty()) {
            throw new IllegalStateException("no fault injection when attached to " + attached.name()
                    + ": nothing of the local cloud stands between the functions and it");
        }
        fractions.forEach((provider, fraction) -> {
            FaultInjector injector = faultInjector(provider);
            injector.failRandomly(fraction, random);
        });
    }

    /** The fault injector in front of a provider: {@code ses}, {@code sms} / {@code sns}, {@code s3}. */
    public FaultInjector faultInjector(String provider) {
        return switch (provider.toLowerCase(java.util.Locale.ROOT)) {
            case "ses" -> sesFaults;
            case "sms", "sns" -> smsFaults;
            case "s3" -> s3Faults;
            default -> throw new IllegalArgumentException("no fault injector for " + provider + " (ses, sms, s3)");
        };
    }

    /** The random faults in force, by provider (those with none left out). */
    public Map<String, String> faultsInForce() {
        Map<String, String> out = new LinkedHashMap<>();
        if (attached != null) {
            return out;
        }
        for (String provider : List.of("ses", "sms", "s3")) {
            FaultInjector injector = faultInjector(provider);
            if (injector.randomFaults() != null) {
                out.put(provider, injector.describe());
            }
        }
        return out;
    }

    /**
     * SES event publishing, locally: functions subscribed (SNS event) to the topic a configuration set
     * publishes to get an event for every mail the SES emulator accepted.
     */
    public void startSesEvents(java.util.Collection<String> functionLogicalIds) {
        if (attached != null) {
            // LocalStack publishes SES v1 events to a configuration set's SNS topic, but no function here is
            // subscribed to its topics (the local Lambda has no SNS subscriptions): e-mails stay SENT
            throw new IllegalStateException("SES event publishing is the embedded cloud's: not when attached to "
                    + attached.name());
        }
        java.util.Set<String> topics = new java.util.HashSet<>();
        template.resourcesOfType("AWS::SES::ConfigurationSetEventDestination").values().forEach(d -> topics.add(
                String.valueOf(Template.map(Template.map(Template.map(d.properties().get("EventDestination"))
                        .get("SnsDestination")).get("TopicARN")).get("Ref"))));
        for (String fn : functionLogicalIds) {
            for (Object e : Template.map(template.function(fn).get("Events")).values()) {
                Map<String, Object> event = Template.map(e);
                Object topic = Template.map(Template.map(event.get("Properties")).get("Topic")).get("Ref");
                if ("SNS".equals(event.get("Type")) && topics.contains(String.valueOf(topic))) {
                    @SuppressWarnings("unchecked")
                    SesEventPublisher publisher = new SesEventPublisher(sesEmulator,
                            "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + topic,
                            (com.amazonaws.services.lambda.runtime.RequestHandler<
                                    com.amazonaws.services.lambda.runtime.events.SNSEvent, ?>)
                                    newHandler(fn), fn);
                    running.add(publisher::stop);
                    Thread thread = new Thread(publisher, fn + "-ses-events");
                    thread.setDaemon(true);
                    thread.start();
                }
            }
        }
    }

    /** Every function of the template that has a DynamoDB or SQS event source. */
    public List<String> eventDrivenFunctions() {
        return template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .filter(fn -> !EventSourceMapping.of(template, fn).isEmpty()).toList();
    }

    /** Every function of the template subscribed to an SNS topic. */
    public List<String> topicSubscribers() {
        return template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .filter(fn -> Template.map(template.function(fn).get("Events")).values().stream()
                        .anyMatch(e -> "SNS".equals(Template.map(e).get("Type")))).toList();
    }

    /**
     * The SES emulator's own address: {@code GET /store} lists the mails as JSON, {@code /} is its inbox. Null when
     * attached (see {@link #sent()}).
     */
    public String sesEmulator() {
        return sesEmulator;
    }

    /** The mails SES accepted and the SMS SNS published, read where the emulators (or LocalStack) list them. */
    public SentMessages sent() {
        return sent;
    }

    /** What this cloud is attached to, or null when it runs its own emulators. */
    public Attach attached() {
        return attached;
    }

    /** What the attached target lacks, for the banner (empty with the embedded emulators). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Failures to inject between the code and the SES emulator. */
    public FaultInjector sesFaults() {
        return sesFaults;
    }

    public SmsSink sms() {
        return smsSink;
    }

    public FaultInjector smsFaults() {
        return smsFaults;
    }

    /** Failures to inject between the code and s3proxy (the cloud's own {@link #s3()} client bypasses it). */
    public FaultInjector s3Faults() {
        return s3Faults;
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl(String logicalId) {
        return Objects.requireNonNull(queueUrls.get(logicalId), logicalId);
    }

    public String bucketName(String logicalId) {
        return Objects.requireNonNull(physicalIds.get(logicalId), logicalId);
    }

    public Template template() {
        return template;
    }

    /** Service name → endpoint URL of its emulator. */
    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    public String tableName(String logicalId) {
        return Objects.requireNonNull(physicalIds.get(logicalId), logicalId);
    }

    public Path workDir() {
        return workDir;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("convoc-local-cloud");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LocalHttp.closeAll(running);
        running.clear();
    }
}
