package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.event.Programme;
import io.convoc.localcloud.Attach;
import io.convoc.localcloud.HttpApiGateway;
import io.convoc.localcloud.LocalSignIn;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.LocalHttp;
import io.convoc.localcloud.Paths;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.Template;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The main job on one machine: the local cloud, every function of template.yaml wired to it as AWS
 * would wire it, and the sample data of events/ loaded through the real handlers.
 */
public final class LocalRun implements AutoCloseable {
    private final LocalCloud cloud;
    private final List<AutoCloseable> running = new ArrayList<>();
    private HttpApiGateway gateway;

    private LocalRun(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /**
     * @param scheduleSeconds how often every scheduled function fires locally, 0 for never
     * @param atLeastOnce     every SQS and stream batch handled twice (see {@link LocalCloud#atLeastOnce(boolean)})
     * @param faults          provider ({@code ses}, {@code sms}, {@code s3}) → fraction of its requests that fail
     * @param faultSeed       seeds the faults' draws (repeatable runs), or null
     * @param target          the AWS APIs someone else runs (LocalStack) to attach to, or null for the embedded
     *                        emulators
     */
    public record Options(int port, Path dataDir, boolean seed, int scheduleSeconds, boolean atLeastOnce,
                          Map<String, Double> faults, Long faultSeed, Attach target) {
        static final String USAGE = "options: --port N, --data DIR, --in-memory, --no-seed, --schedule-seconds N, "
                + "--at-least-once, --faults ses=0.2,sms=0.2,s3=0.05[,seed=N], "
                + "--target embedded|localstack[=http://host:port]";

        public Options {
            faults = Map.copyOf(faults);
            if (target != null && !faults.isEmpty()) {
                throw new IllegalArgumentException("--faults needs the embedded emulators (the fault injectors stand "
                        + "in front of them), not --target " + target.name());
            }
        }

        /** On the embedded emulators. */
        public Options(int port, Path dataDir, boolean seed, int scheduleSeconds, boolean atLeastOnce,
                       Map<String, Double> faults, Long faultSeed) {
            this(port, dataDir, seed, scheduleSeconds, atLeastOnce, faults, faultSeed, null);
        }

        /** No schedules, no duplicates, no faults: what tests start unless they ask. */
        public Options(int port, Path dataDir, boolean seed) {
            this(port, dataDir, seed, 0, false, Map.of(), null);
        }

        /** These options, run against {@code target} instead of the embedded emulators. */
        public Options on(Attach target) {
            return new Options(port, dataDir, seed, scheduleSeconds, atLeastOnce, faults, faultSeed, target);
        }

        static Options parse(String[] args) {
            return parse(args, System.getenv("AWS_ENDPOINT_URL"));
        }

        /**
         * @param endpointSetting the standard AWS endpoint setting ({@code AWS_ENDPOINT_URL}): without {@code --target},
         *                        a run where it is set attaches to it as to LocalStack ({@code --target embedded}
         *                        overrides it)
         */
        static Options parse(String[] args, String endpointSetting) {
            int port = 8080;
            Path data = Paths.root().resolve(".local-cloud");
            boolean seed = true;
            int scheduleSeconds = 10;
            boolean atLeastOnce = false;
            Map<String, Double> faults = new java.util.LinkedHashMap<>();
            Long faultSeed = null;
            Attach target = null;
            boolean targetGiven = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--target" -> {
                        targetGiven = true;
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--target needs embedded or localstack[=http://host:port]");
                        }
                        target = target(args[++i]);
                    }
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data" -> data = Path.of(args[++i]);
                    case "--in-memory" -> data = null;
                    case "--no-seed" -> seed = false;
                    case "--schedule-seconds" -> scheduleSeconds = Integer.parseInt(args[++i]);
                    case "--at-least-once" -> atLeastOnce = true;
                    case "--faults" -> {
                        for (String part : args[++i].split(",")) {
                            String[] kv = part.strip().split("=", 2);
                            if (kv.length != 2) {
                                throw new IllegalArgumentException("--faults " + part + ": expected provider=fraction");
                            }
                            String key = kv[0].strip().toLowerCase(java.util.Locale.ROOT);
                            String value = kv[1].strip();
                            if (key.equals("seed")) {
                                faultSeed = Long.parseLong(value);
                                continue;
                            }
                            if (!List.of("ses", "sms", "sns", "s3").contains(key)) {
                                throw new IllegalArgumentException("--faults " + part + ": providers are ses, sms, s3");
                            }
                            double fraction = value.endsWith("%")
                                    ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                                    : Double.parseDouble(value);
                            if (fraction < 0 || fraction > 1) {
                                throw new IllegalArgumentException("--faults " + part + ": a fraction within [0, 1]");
                            }
                            faults.put(key.equals("sns") ? "sms" : key, fraction);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (" + USAGE + ")");
                }
            }
            if (scheduleSeconds < 0) {
                throw new IllegalArgumentException("--schedule-seconds " + scheduleSeconds + ": 0 (never) or more");
            }
            if (!targetGiven && endpointSetting != null && !endpointSetting.isBlank()) {
                try {
                    target = target("localstack=" + endpointSetting.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("AWS_ENDPOINT_URL=" + endpointSetting
                            + ": a LocalStack to run on is http(s)://host:port (or --target embedded)", e);
                }
            }
            return new Options(port, data, seed, scheduleSeconds, atLeastOnce, faults, faultSeed, target);
        }

        private static Attach target(String value) {
            if (value.equals("embedded")) {
                return null;
            }
            if (value.equals("localstack")) {
                return Attach.localStack(Attach.LOCALSTACK_DEFAULT);
            }
            if (value.startsWith("localstack=")) {
                String endpoint = value.substring("localstack=".length());
                try {
                    return Attach.localStack(new java.net.URI(endpoint));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("--target " + value + ": not a URL", e);
                }
            }
            throw new IllegalArgumentException("--target " + value + ": embedded, localstack or "
                    + "localstack=http://host:port");
        }
    }

    public static LocalRun start(Options options, PrintStream out) throws IOException {
        if (options.dataDir() != null) {
            Files.createDirectories(options.dataDir());
        }
        Template template = Template.project();
        LocalRun run = new LocalRun(options.target() == null
                ? LocalCloud.start(template, options.dataDir(), LocalCloud.LOCAL_PARAMETERS)
                : LocalCloud.attach(template, options.dataDir(), LocalCloud.LOCAL_PARAMETERS, options.target()));
        try {
            run.cloud.atLeastOnce(options.atLeastOnce());
            if (!options.faults().isEmpty()) {
                run.cloud.injectFaults(options.faults(), options.faultSeed() == null ? new java.util.Random()
                        : new java.util.Random(options.faultSeed()));
            }
            // the gateway binds first, so that the links functions print (QR codes, downloads) point at it
            DeferredHandler api = new DeferredHandler();
            run.gateway = HttpApiGateway.start(template, "ApiFunction", api, "127.0.0.1", options.port(),
                    run.cloud.identity());
            run.writeTokens();
            run.running.add(run.gateway);
            System.setProperty("PUBLIC_API_URL", run.gateway.url());
            // the console signs people in on the local user pool's sign-in page, served by the same gateway
            run.gateway.withSignIn(run.cloud.signIn());
            System.setProperty("CONSOLE_SIGN_IN_URL", LocalSignIn.baseUrl(run.gateway.url()));
            api.set(run.cloud.newHandler("ApiFunction"));
            run.running.add(api);
            run.cloud.startFunctions(run.cloud.eventDrivenFunctions());
            if (options.target() == null) {
                run.cloud.startSesEvents(run.cloud.topicSubscribers());
            }
            if (options.scheduleSeconds() > 0) {
                run.cloud.startSchedules(run.cloud.scheduledFunctions(), Duration.ofSeconds(options.scheduleSeconds()),
                        out);
            }
            if (options.seed()) {
                run.seed(api, out);
            }
            run.describe(out);
            run.describeFaithfulness(options, out);
            return run;
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Loads the Assises programme, then imports the sample invitee list through the api function. */
    private void seed(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api, PrintStream out) {
        Programme programme = SampleData.assises();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        ProgrammeTable programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        // loaded once: a later run keeps the organizers' edits (and the versions they were made on)
        if (programmes.find(programme.event().id()).isEmpty()) {
            programmes.save(programme);
            out.printf("Loaded event %s (%s): %d sessions%n", programme.event().id(), programme.event().name().fr(),
                    programme.sessions().size());
        }
        APIGatewayV2HTTPResponse report = api.handleRequest(SampleData.apiRequest("import-registrations.json"),
                new LocalContext("ApiFunction", 1536, 30));
        out.printf("Imported events/data/invitees-sample.csv through the api function: HTTP %d %s%n",
                report.getStatusCode(), report.getBody());
    }

    /** The local users of the README's examples: one per role, and one signed in with no role. */
    static final Map<String, List<String>> USERS = Map.of(
            "organizer", List.of("organizer"),
            "protocol", List.of("protocol"),
            "public", List.of());

    /** A token (12 hours) for each local user, written to {@code tokens/<user>.jwt} in the data folder. */
    private void writeTokens() throws IOException {
        Path dir = cloud.workDir().resolve("tokens");
        Files.createDirectories(dir);
        for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
            io.convoc.localcloud.LocalFiles.writePrivate(dir.resolve(user.getKey() + ".jwt"),
                    cloud.identity().token("local." + user.getKey(), user.getValue(), Duration.ofHours(12)));
        }
    }

    /** The token of a local user of {@link #USERS}. */
    public String token(String user) throws IOException {
        return Files.readString(cloud.workDir().resolve("tokens").resolve(user + ".jwt"));
    }

    /** The password of a console user ({@code organizer}, {@code protocol}) on the local sign-in page. */
    public String consolePassword(String user) {
        return cloud.signIn().password(user);
    }

    /** The console's address. */
    public String consoleUrl() {
        return gateway.url() + "/console";
    }

    private void describe(PrintStream out) {
        out.println();
        out.println(cloud.attached() == null ? "convoc local cloud is running (Ctrl-C to stop)"
                : "convoc local cloud is running on " + cloud.attached().name() + " (Ctrl-C to stop)");
        out.printf("  Console (browser)         %s%n", consoleUrl());
        for (String user : List.of("organizer", "protocol")) {
            out.printf("    sign in as %-9s password %s%n", user, consolePassword(user));
        }
        out.printf("  HTTP API (api function)   %s/api/registrations%n", gateway.url());
        out.printf("  functions on streams and queues: %s%n", String.join(", ", cloud.eventDrivenFunctions()));
        cloud.endpoints().forEach((service, url) -> out.printf("  %-25s %s%n", service, url));
        out.printf("  letters (S3 bucket)       %s, keys letters/<event>/<registration>/v<n>.pdf%n",
                cloud.bucketName("LettersBucket"));
        out.printf("  data and logs             %s%n", cloud.workDir());
        Path tokens = cloud.workDir().resolve("tokens");
        out.printf("  tokens (12 h), one per role: %s/{organizer,protocol,public}.jwt%n", tokens);
        for (String user : List.of("organizer", "protocol")) {
            try {
                out.printf("  %-9s %s%n", user, token(user));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        out.println();
        out.println("Try (every route but the public ones needs a token of the right role):");
        out.printf("  export TOKEN=$(cat %s/organizer.jwt)%n", tokens);
        out.printf("  curl -s -H \"Authorization: Bearer $TOKEN\" '%s/api/registrations?eventId=assises-2024'%n",
                gateway.url());
        out.printf("  curl -s -X POST %s/api/registrations -H \"Authorization: Bearer $TOKEN\" \\%n", gateway.url());
        out.println("       -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"eventId\":\"assises-2024\",\"lastName\":\"Alaoui\",\"firstName\":\"Karim\","
                + "\"category\":\"EXPERT\",\"email\":\"karim@example.ma\",\"mobile\":\"0612345678\","
                + "\"workshops\":[\"ws-numerique\"]}'");
        out.printf("  curl -s -H \"Authorization: Bearer $TOKEN\" %s/api/events/assises-2024/programme%n", gateway.url());
        out.printf("  curl -s -X PUT %s/api/events/assises-2024/sessions/ws-numerique -H 'If-Match: \"1\"' \\%n",
                gateway.url());
        out.println("       -H \"Authorization: Bearer $TOKEN\" \\");
        out.println("       -H 'Content-Type: application/json' -d '{\"title\":{\"fr\":\"La transformation numérique"
                + " des collectivités territoriales\",\"ar\":\"التحول الرقمي للجماعات الترابية\"},"
                + "\"start\":\"2024-12-21T15:00\",\"end\":\"2024-12-21T17:00\","
                + "\"room\":{\"fr\":\"Salle 5\",\"ar\":\"القاعة 5\"}}'");
        out.printf("  (its participants hear of it %s s after the last edit: quiet window)%n",
                cloud.functionEnvironment().get("QUIET_WINDOW_SECONDS"));
        out.println();
        out.println("The emulators with your own tools (AWS CLI, any SDK): region " + LocalCloud.REGION
                + ", credentials local/local (S3 checks them), S3 path-style:");
        out.printf("  export AWS_REGION=%1$s AWS_DEFAULT_REGION=%1$s AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local%n",
                LocalCloud.REGION);
        out.printf("  aws --endpoint-url %s dynamodb scan --table-name %s --max-items 3%n",
                cloud.endpoints().get("dynamodb"), cloud.tableName("RegistrationsTable"));
        out.printf("  aws --endpoint-url %s s3 ls s3://%s/letters/ --recursive%n", cloud.endpoints().get("s3"),
                cloud.bucketName("LettersBucket"));
        out.printf("  aws --endpoint-url %s s3 cp s3://%s/<a key listed above> letter.pdf%n", cloud.endpoints().get("s3"),
                cloud.bucketName("LettersBucket"));
        out.printf("  curl -s '%s'    (the mails SES received, as JSON)%n", cloud.sent().mailsUri());
        out.printf("  curl -s '%s'    (the SMS SNS published, as JSON)%n", cloud.sent().smsUri());
        if (cloud.attached() != null) {
            out.println();
            out.println("Not on " + cloud.attached().name() + ":");
            out.println("  SES delivery events: no function gets them here (the embedded cloud's SES events are its own),"
                    + " so e-mails stay SENT, never DELIVERED, BOUNCED or COMPLAINED");
            out.println("  fault injection (--faults): it stands in front of the embedded emulators only");
            cloud.notes().forEach(note -> out.println("  " + note));
        }
    }

    /** What the local Lambda does beyond the defaults: schedules, duplicate deliveries, faults. */
    private void describeFaithfulness(Options options, PrintStream out) {
        List<String> scheduled = cloud.scheduledFunctions();
        if (!scheduled.isEmpty()) {
            out.printf("  scheduled functions: %s, %s%n", String.join(", ", scheduled),
                    options.scheduleSeconds() > 0 ? "every " + options.scheduleSeconds() + " s locally (--schedule-seconds)"
                            : "not fired (--schedule-seconds 0)");
        }
        Integer workers = cloud.sqsConcurrency();
        out.println(workers == null
                ? "  SQS workers: up to each mapping's MaximumConcurrency, each with its own handler instance"
                : "  SQS workers: " + workers + " per queue (queues' visibility timeouts shortened to 1 s in memory)");
        if (options.atLeastOnce()) {
            out.println("  at least once: every SQS and stream batch is handled twice, the second time reordered");
        }
        Map<String, String> faults = cloud.faultsInForce();
        if (cloud.attached() != null) {
            out.println("  faults: none (fault injection needs the embedded emulators)");
        } else if (faults.isEmpty()) {
            out.println("  faults: none (--faults ses=0.2,sms=0.2,s3=0.05 to inject some)");
        } else {
            out.printf("  faults in force%s:%n", options.faultSeed() == null ? "" : " (seed " + options.faultSeed() + ")");
            faults.forEach((provider, what) -> out.printf("    %-4s %s%n", provider, what));
        }
    }

    /** The api handler, created once the gateway's address is known. */
    private static final class DeferredHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
            AutoCloseable {
        private volatile RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

        void set(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            this.handler = handler;
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event,
                                                      com.amazonaws.services.lambda.runtime.Context context) {
            if (handler == null) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(503).build();
            }
            return handler.handleRequest(event, context);
        }

        @Override
        public void close() throws Exception {
            if (handler instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    public HttpApiGateway gateway() {
        return gateway;
    }

    public LocalCloud cloud() {
        return cloud;
    }

    @Override
    public void close() {
        LocalHttp.closeAll(running);
        cloud.close();
    }

    /**
     * Prints how the sample data flows (letters made, e-mails and SMS sent or delivered) each time it moves, until
     * every notice has settled or a minute has passed: what a new user waits for after the banner.
     */
    private void followSampleData(PrintStream out) {
        Thread follow = new Thread(() -> {
            String last = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    long registrations = 0;
                    long letters = 0;
                    for (var r : cloud.dynamo().scanPaginator(b -> b.tableName(cloud.tableName("RegistrationsTable")))
                            .items()) {
                        registrations++;
                        if ("LETTER_READY".equals(r.get("status").s())) {
                            letters++;
                        }
                    }
                    Map<String, Long> notices = new java.util.TreeMap<>();
                    long settling = 0;
                    for (var n : cloud.dynamo().scanPaginator(b -> b.tableName(cloud.tableName("NotificationsTable")))
                            .items()) {
                        if (!n.containsKey("channel")) {
                            continue; // a kept delivery report, not a notice
                        }
                        String status = n.get("status").s();
                        notices.merge(n.get("channel").s() + " " + status, 1L, Long::sum);
                        if (status.equals("QUEUED") || status.equals("SENDING")) {
                            settling++;
                        }
                    }
                    String now = String.format("  sample data: %d/%d letters; notices %s", letters, registrations,
                            notices.isEmpty() ? "none yet" : notices.toString().replaceAll("[{}]", ""));
                    if (!now.equals(last)) {
                        out.println(now);
                        last = now;
                    }
                    if (registrations > 0 && letters == registrations && !notices.isEmpty() && settling == 0) {
                        return;
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // stopped meanwhile
                }
            }
        }, "sample-data-progress");
        follow.setDaemon(true);
        follow.start();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // the functions' and emulators' log lines (JSON, as in Lambda) go to a file, so that the console shows the
        // banner and what a user does; set before any logger exists (log4j reads its configuration once)
        Path log = options.dataDir() != null ? options.dataDir().resolve("functions.log")
                : java.nio.file.Files.createTempFile("convoc-functions-", ".log");
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("convoc.functions.log", log.toString());
            System.setProperty("log4j2.configurationFile", "log4j2-local.properties");
        }
        // the functions' metrics (Embedded Metric Format lines on standard output, as Lambda writes them to the log
        // group) go to a file beside the logs; the console keeps the banner
        PrintStream console = System.out;
        Path metrics = log.resolveSibling(log.getFileName().toString().replace(".log", "") + "-metrics.jsonl");
        System.setOut(new PrintStream(new java.io.FileOutputStream(metrics.toFile(), true), true,
                java.nio.charset.StandardCharsets.UTF_8));
        LocalRun run;
        try {
            run = start(options, console);
        } catch (IllegalStateException e) {
            if (options.target() == null) {
                throw e;
            }
            // an attached run's usual failure is a target that is not there: one line, not a stack
            System.err.println("convoc: " + e.getMessage());
            System.exit(1);
            return;
        }
        console.printf("  function logs             tail -f %s%n", log);
        console.printf("  metrics (EMF lines)       tail -f %s%n%n", metrics);
        if (options.seed()) {
            run.followSampleData(console);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.close();
            if (options.dataDir() == null) {
                io.convoc.localcloud.LocalFiles.deleteTree(log); // in memory: nothing left behind
                io.convoc.localcloud.LocalFiles.deleteTree(metrics);
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
