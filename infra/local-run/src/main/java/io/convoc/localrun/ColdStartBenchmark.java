package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.Paths;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.Template;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cold starts of the Lambda functions against the local cloud: each function in a fresh JVM, from the JVM's start to
 * its first event handled, interleaved with a do-nothing Micronaut handler (the floor) in the same run; plus peak RSS,
 * jar size, classes loaded, and the warm time per event.
 *
 * <p>The local cloud runs in this process. Each measure is a child JVM ({@link ColdStartRunner}) started with the
 * template's {@code JAVA_TOOL_OPTIONS} ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}), {@code -Xshare:auto},
 * {@code -XX:+UseSerialGC}, a heap of 85 % of the function's {@code MemorySize} and that memory as the JVM's view of
 * the machine's ({@code -XX:MaxRAM}, as the container shows it in Lambda), as Lambda's Java runtime starts a function; on the function's Lambda jar alone (plus the runner), with only its own template environment and the
 * emulators' endpoints, region and credentials as system properties (as {@link LocalCloud} gives them). The events
 * are the samples of {@code events/}, made real: the data they name exists in the local cloud (an organizer's token
 * for the api, registrations for on-registration, the notices and queue messages on-registration made for the
 * senders, the SES message ids of mails the e-mail sender sent for delivery-feedback), each prepared by an untimed
 * child run of the upstream function before the rounds.
 *
 * <pre>infra/benchmark-cold-starts [--rounds 5] [--warm 10] [--functions api,on-registration,...] [--quiet-load 1.5]</pre>
 */
public final class ColdStartBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The functions measured by default, by their module's name. */
    public static final List<String> DEFAULT_FUNCTIONS =
            List.of("api", "on-registration", "email-sender", "sms-sender", "delivery-feedback");

    /** A function of the template: its logical id and the event type its handler takes. */
    record Function(String name, String logicalId, String eventClass) {
    }

    static final Map<String, Function> FUNCTIONS = Map.of(
            "api", new Function("api", "ApiFunction",
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"),
            "on-registration", new Function("on-registration", "OnRegistrationFunction",
                    "com.amazonaws.services.lambda.runtime.events.DynamodbEvent"),
            "email-sender", new Function("email-sender", "EmailSenderFunction",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent"),
            "sms-sender", new Function("sms-sender", "SmsSenderFunction",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent"),
            "delivery-feedback", new Function("delivery-feedback", "DeliveryFeedbackFunction",
                    "com.amazonaws.services.lambda.runtime.events.SNSEvent"));

    static final String FLOOR = "floor";
    static final String COMPONENTS = "components";
    private static final String SQS_EVENT = "com.amazonaws.services.lambda.runtime.events.SQSEvent";

    /**
     * @param warm      events handled after the first, in each child
     * @param quietLoad the rounds wait (10 minutes at most) for the 1-minute load to fall below this; 0: no wait
     * @param childArgs more JVM options for every child (diagnostics, e.g. {@code -Xlog:class+load:file=/tmp/cl-%p.log});
     *                  they change what is measured
     */
    public record Options(int rounds, int warm, List<String> functions, double quietLoad, List<String> childArgs) {
        public Options(int rounds, int warm, List<String> functions) {
            this(rounds, warm, functions, 0, List.of());
        }

        public Options {
            functions = List.copyOf(functions);
            childArgs = List.copyOf(childArgs);
            if (rounds < 1 || warm < 1) {
                throw new IllegalArgumentException("--rounds and --warm: 1 or more");
            }
            for (String f : functions) {
                if (!FUNCTIONS.containsKey(f)) {
                    throw new IllegalArgumentException("unknown function " + f + " (" + DEFAULT_FUNCTIONS + ")");
                }
            }
        }

        static Options parse(String[] args) {
            int rounds = 5;
            int warm = 10;
            List<String> functions = DEFAULT_FUNCTIONS;
            double quietLoad = 0;
            List<String> childArgs = List.of();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warm" -> warm = Integer.parseInt(args[++i]);
                    case "--quiet-load" -> quietLoad = Double.parseDouble(args[++i]);
                    case "--child-args" -> childArgs = Arrays.stream(args[++i].trim().split("\\s+"))
                            .filter(a -> !a.isEmpty()).toList();
                    case "--functions" -> functions = Arrays.stream(args[++i].split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--rounds N, --warm N, --functions a,b,c, --quiet-load X, --child-args '...')");
                }
            }
            return new Options(rounds, warm, functions, quietLoad, childArgs);
        }
    }

    /** One child JVM's measures. */
    record Sample(long firstMs, long classesFirst, long classesEnd, long vmHwmKb, List<Double> warmMs) {
        static Sample parse(String line) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : line.substring(ColdStartRunner.RESULT.length()).trim().split(" ")) {
                String[] p = part.split("=", 2);
                kv.put(p[0], p.length > 1 ? p[1] : "");
            }
            for (String outcome : List.of("firstOutcome", "warmOutcome")) {
                if (!"ok".equals(kv.get(outcome))) {
                    throw new IllegalStateException("an event was not handled as it should (" + outcome + "="
                            + kv.get(outcome) + "): " + line);
                }
            }
            List<Double> warm = kv.get("warmMs").isEmpty() ? List.of()
                    : Arrays.stream(kv.get("warmMs").split(",")).map(Double::parseDouble).toList();
            return new Sample(Long.parseLong(kv.get("firstMs")), Long.parseLong(kv.get("classesFirst")),
                    Long.parseLong(kv.get("classesEnd")), Long.parseLong(kv.get("vmHwmKb")), warm);
        }
    }

    /** A line of the table: medians over the rounds (warm: over every warm event of every round). */
    public record Row(String function, double firstMs, double timesFloor, double warmMs, double peakRssMb,
                      double jarMb, long classes, List<Long> firstMsByRound) {
    }

    /**
     * @param loadBefore the 1-minute load average when the rounds began
     * @param loadAfter  the same when they ended
     */
    public record Result(Row floor, Row components, List<Row> functions, double loadBefore, double loadAfter, String table) {
    }

    private final LocalCloud cloud;
    private final Options options;
    private final Path work;
    private final PrintStream log;
    private final Path runnerDir;
    private final List<String> floorClasspath;
    private final List<String> componentsClasspath;
    private final Map<String, Path> jars = new LinkedHashMap<>();

    private ColdStartBenchmark(LocalCloud cloud, Options options, Path work, PrintStream log) throws IOException {
        this.cloud = cloud;
        this.options = options;
        this.work = work;
        this.log = log;
        this.runnerDir = copyRunner(work.resolve("runner"));
        this.floorClasspath = ColdStartFloorClasspath.resolve(log);
        this.componentsClasspath = new ArrayList<>(ColdStartFloorClasspath.resolve(log, "cold-start-components",
                ColdStartFloorClasspath.COMPONENTS));
        // the functions' log configuration and layout (functions/aws), alone in a folder of their own
        Path logConfig = work.resolve("components-resources");
        Files.createDirectories(logConfig);
        for (String resource : List.of("log4j2.properties", "convoc-log-layout.json")) {
            try (var in = ColdStartBenchmark.class.getResourceAsStream("/" + resource)) {
                Files.copy(java.util.Objects.requireNonNull(in, "functions/aws " + resource),
                        logConfig.resolve(resource));
            }
        }
        componentsClasspath.add(logConfig.toString());
        // the jars as they are now, copied: a build running meanwhile (mvn package) may rewrite them mid-run
        Files.createDirectories(work.resolve("jars"));
        for (String f : FUNCTIONS.keySet()) {
            Path jar = jar(f);
            if (Files.exists(jar)) {
                jars.put(f, Files.copy(jar, work.resolve("jars").resolve(f + "-" + jar.getFileName())));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Result result = run(options, System.err);
        System.out.println();
        System.out.println(result.table());
    }

    /** Starts the local cloud, prepares the events, runs the rounds; progress goes to {@code log}. */
    public static Result run(Options options, PrintStream log) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(Template.project(), null)) {
            return run(cloud, options, log);
        }
    }

    /**
     * The same on a running local cloud (in memory). The senders' events are taken off the cloud's queues: no other
     * poller may read them meanwhile.
     */
    public static Result run(LocalCloud cloud, Options options, PrintStream log) throws Exception {
        for (String f : options.functions()) {
            Path jar = jar(f);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn package -DskipTests first");
            }
        }
        Path work = Files.createTempDirectory("convoc-cold-starts");
        try {
            return new ColdStartBenchmark(cloud, options, work, log).measure();
        } finally {
            io.convoc.localcloud.LocalFiles.deleteTree(work);
        }
    }

    static Path jar(String function) {
        Template template = Template.project();
        return Paths.root().resolve(String.valueOf(template.function(FUNCTIONS.get(function).logicalId())
                .get("CodeUri")));
    }

    private Result measure() throws Exception {
        int perChild = 1 + options.warm();
        int perFunction = options.rounds() * perChild;
        Map<String, List<String>> events = prepare(perFunction);
        List<String> floorEvents = Collections.nCopies(perChild, compact(SampleData.json("sqs/sms-notice.json")));

        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        samples.put(FLOOR, new ArrayList<>());
        samples.put(COMPONENTS, new ArrayList<>());
        options.functions().forEach(f -> samples.put(f, new ArrayList<>()));
        waitForQuiet();
        double loadBefore = load1();
        log.printf("rounds: %d × (floor, function) for %s; 1 + %d events per JVM; load %.2f%n", options.rounds(),
                options.functions(), options.warm(), loadBefore);
        for (int round = 0; round < options.rounds(); round++) {
            for (String f : options.functions()) {
                Sample floor = runFloor(floorEvents, "round " + round);
                samples.get(FLOOR).add(floor);
                List<String> mine = events.get(f).subList(round * perChild, (round + 1) * perChild);
                Sample s = runFunction(f, mine, "round " + round);
                samples.get(f).add(s);
                log.printf("  round %d: floor %d ms, %s %d ms (%d classes, %d MB)%n", round + 1, floor.firstMs(),
                        f, s.firstMs(), s.classesFirst(), s.vmHwmKb() / 1024);
            }
            Sample components = runComponents(floorEvents, "round " + round);
            samples.get(COMPONENTS).add(components);
            log.printf("  round %d: floor + SDK, JSON log, metric %d ms (%d classes, %d MB)%n", round + 1,
                    components.firstMs(), components.classesFirst(), components.vmHwmKb() / 1024);
        }
        double loadAfter = load1();
        Row floorRow = row(FLOOR, samples.get(FLOOR), Double.NaN, Double.NaN);
        List<Row> rows = options.functions().stream()
                .map(f -> row(f, samples.get(f), floorRow.firstMs(), sizeMb(jars.get(f)))).toList();
        Row floor = new Row(FLOOR, floorRow.firstMs(), 1.0, floorRow.warmMs(), floorRow.peakRssMb(), Double.NaN,
                floorRow.classes(), floorRow.firstMsByRound());
        Row components = row(COMPONENTS, samples.get(COMPONENTS), floorRow.firstMs(), Double.NaN);
        return new Result(floor, components, rows, loadBefore, loadAfter,
                table(floor, components, rows, loadBefore, loadAfter));
    }

    private static Row row(String name, List<Sample> samples, double floorMs, double jarMb) {
        double first = median(samples.stream().map(s -> (double) s.firstMs()).toList());
        double warm = median(samples.stream().flatMap(s -> s.warmMs().stream()).toList());
        double rss = median(samples.stream().map(s -> s.vmHwmKb() / 1024.0).toList());
        long classes = Math.round(median(samples.stream().map(s -> (double) s.classesFirst()).toList()));
        return new Row(name, first, first / floorMs, warm, rss, jarMb, classes,
                samples.stream().map(Sample::firstMs).toList());
    }

    static String table(Row floor, Row components, List<Row> rows, double loadBefore, double loadAfter) {
        StringBuilder out = new StringBuilder();
        out.append("| function | first event ms | × floor | warm ms/event | peak RSS | jar | classes |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        out.append(line(floor));
        out.append(line(components));
        rows.forEach(r -> out.append(line(r)));
        out.append(String.format(Locale.ROOT, "%nMedians of %d rounds (first event: per round %s); 1-minute load "
                + "%.2f before, %.2f after.%n", floor.firstMsByRound().size() / Math.max(1, rows.size()),
                rows.stream().map(r -> r.function() + " " + r.firstMsByRound()).collect(Collectors.joining(", ")),
                loadBefore, loadAfter));
        return out.toString();
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f MB | %s | %d |%n",
                switch (r.function()) {
                    case FLOOR -> "floor (do-nothing Micronaut handler)";
                    case COMPONENTS -> "floor + SDK, JSON log, metric (one GetItem, nothing of convoc's)";
                    default -> r.function();
                }, r.firstMs(),
                r.timesFloor(), r.warmMs(), r.peakRssMb(),
                Double.isNaN(r.jarMb()) ? "–" : String.format(Locale.ROOT, "%.1f MB", r.jarMb()), r.classes());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double sizeMb(Path jar) {
        try {
            return Files.size(jar) / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitForQuiet() throws InterruptedException {
        if (options.quietLoad() <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (load1() >= options.quietLoad()) {
            if (System.nanoTime() > deadline) {
                log.printf("the load stayed at %.2f or more for 10 minutes: measuring anyway%n", options.quietLoad());
                return;
            }
            log.printf("waiting for the 1-minute load (%.2f) to fall below %.2f%n", load1(), options.quietLoad());
            Thread.sleep(10_000);
        }
    }

    /** The 1-minute load average (/proc/loadavg), NaN where there is none. */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ the events, made real

    /** {@code count} events for each measured function, in the order the rounds take them. */
    private Map<String, List<String>> prepare(int count) throws Exception {
        Map<String, List<String>> events = new LinkedHashMap<>();
        List<String> fs = options.functions();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        ProgrammeTable programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        if (programmes.find(SampleData.assises().event().id()).isEmpty()) {
            programmes.save(SampleData.assises());
        }
        if (fs.contains("api")) {
            events.put("api", Collections.nCopies(count, apiEvent()));
        }
        if (fs.contains("on-registration")) {
            events.put("on-registration", registrations(enhanced, count).stream().map(id -> streamEvent(List.of(id), null))
                    .toList());
        }
        boolean email = fs.contains("email-sender");
        boolean feedback = fs.contains("delivery-feedback");
        boolean sms = fs.contains("sms-sender");
        if (email || feedback || sms) {
            // notices as on-registration makes them: an untimed run of it over registrations made for the senders
            int emails = (email ? count : 0) + (feedback ? count : 0);
            int needed = Math.max(emails, sms ? count : 0);
            List<String> ids = registrations(enhanced, needed);
            Map<String, Map<String, AttributeValue>> inserted = items(ids);
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += 10) {
                batches.add(streamEvent(ids.subList(i, Math.min(ids.size(), i + 10)), null));
            }
            log.printf("preparing: on-registration over %d registrations (untimed) for the senders' notices%n",
                    ids.size());
            runFunction("on-registration", batches, "preparation: letters");
            // the letter ready (the stream's MODIFY of each registration): the confirmation notices are queued
            batches.clear();
            for (int i = 0; i < ids.size(); i += 10) {
                batches.add(streamEvent(ids.subList(i, Math.min(ids.size(), i + 10)), inserted));
            }
            runFunction("on-registration", batches, "preparation: notices");
            List<String> emailEvents = emails > 0 ? sqsEvents("EmailQueue", emails) : List.of();
            if (sms) {
                events.put("sms-sender", sqsEvents("SmsQueue", count));
            }
            if (email) {
                events.put("email-sender", emailEvents.subList(0, count));
            }
            if (feedback) {
                // the mails of those notices sent (untimed run of the e-mail sender): their SES message ids are real
                List<String> toSend = emailEvents.subList(emailEvents.size() - count, emailEvents.size());
                log.printf("preparing: email-sender over %d notices (untimed) for delivery-feedback%n", count);
                runFunction("email-sender", toSend, "preparation");
                events.put("delivery-feedback", deliveryEvents(count));
            }
        }
        return events;
    }

    /** A GET of the registrations of the Assises, with an organizer's token as the API's authorizer passes it. */
    private String apiEvent() {
        ObjectNode event = (ObjectNode) SampleData.json("api/list-registrations.json").deepCopy();
        String token = cloud.identity().token("bench.organizer", List.of("organizer"), Duration.ofHours(2));
        Map<String, String> claims = cloud.identity().verify("Bearer " + token).orElseThrow();
        event.put("rawQueryString", "eventId=assises-2024&limit=20");
        ObjectNode query = event.putObject("queryStringParameters");
        query.put("eventId", "assises-2024");
        query.put("limit", "20");
        ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token);
        ObjectNode jwt = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt");
        jwt.set("claims", JSON.valueToTree(claims));
        return compact(event);
    }

    /** {@code count} new registrations of the Assises (form, received), each with an e-mail and a mobile. */
    private List<String> registrations(DynamoDbEnhancedClient enhanced, int count) {
        RegistrationTable table = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        List<String> ids = new ArrayList<>();
        List<Registration> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            int n = REGISTRATION_NUMBER.getAndIncrement();
            batch.add(new Registration(id, "assises-2024", Civility.MADAME,
                    new PersonName("Samira", "Bennani " + n, "سميرة بناني"), "Experte en finances locales",
                    "خبيرة في المالية المحلية", Category.EXPERT, "Université Abdelmalek Essaâdi", null,
                    "samira.bennani." + n + "@example.ma", String.format(Locale.ROOT, "+2126610%05d", n),
                    LanguagePreference.BOTH, List.of("ws-numerique"), RegistrationSource.FORM,
                    RegistrationStatus.RECEIVED, null, null, now, now));
            ids.add(id);
            if (batch.size() == 25 || i == count - 1) {
                table.createAll(batch);
                batch.clear();
            }
        }
        return ids;
    }

    private static final java.util.concurrent.atomic.AtomicInteger REGISTRATION_NUMBER =
            new java.util.concurrent.atomic.AtomicInteger(1);

    /** The registrations' items as they are now in the table. */
    private Map<String, Map<String, AttributeValue>> items(List<String> ids) {
        String table = cloud.tableName("RegistrationsTable");
        Map<String, Map<String, AttributeValue>> out = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, AttributeValue> item = cloud.dynamo().getItem(b -> b.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("registration " + id + " not in " + table);
            }
            out.put(id, item);
        }
        return out;
    }

    /**
     * The stream's records of these registrations as they are now in the table, as the stream would carry them:
     * INSERT, or MODIFY from {@code before} when given.
     */
    private String streamEvent(List<String> ids, Map<String, Map<String, AttributeValue>> before) {
        String table = cloud.tableName("RegistrationsTable");
        String streamArn = cloud.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn();
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        Map<String, Map<String, AttributeValue>> now = items(ids);
        for (String id : ids) {
            Map<String, AttributeValue> item = now.get(id);
            ObjectNode r = records.addObject();
            r.put("eventID", UUID.randomUUID().toString().replace("-", ""));
            r.put("eventName", before == null ? "INSERT" : "MODIFY");
            r.put("eventVersion", "1.1");
            r.put("eventSource", "aws:dynamodb");
            r.put("awsRegion", LocalCloud.REGION);
            ObjectNode d = r.putObject("dynamodb");
            d.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
            d.putObject("Keys").set("id", attribute(item.get("id")));
            ObjectNode image = d.putObject("NewImage");
            item.forEach((k, v) -> image.set(k, attribute(v)));
            if (before != null) {
                ObjectNode old = d.putObject("OldImage");
                before.get(id).forEach((k, v) -> old.set(k, attribute(v)));
            }
            d.put("SequenceNumber", String.format(Locale.ROOT, "%021d", SEQUENCE.incrementAndGet()));
            d.put("SizeBytes", 800);
            d.put("StreamViewType", "NEW_AND_OLD_IMAGES");
            r.put("eventSourceARN", streamArn);
        }
        return compact(event);
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /** A DynamoDB attribute value in the stream's JSON. */
    private static JsonNode attribute(AttributeValue v) {
        ObjectNode out = JSON.createObjectNode();
        if (v.s() != null) {
            out.put("S", v.s());
        } else if (v.n() != null) {
            out.put("N", v.n());
        } else if (v.bool() != null) {
            out.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.put("NULL", true);
        } else if (v.hasL()) {
            ArrayNode l = out.putArray("L");
            v.l().forEach(e -> l.add(attribute(e)));
        } else if (v.hasM()) {
            ObjectNode m = out.putObject("M");
            v.m().forEach((k, e) -> m.set(k, attribute(e)));
        } else if (v.hasSs()) {
            ArrayNode ss = out.putArray("SS");
            v.ss().forEach(ss::add);
        } else if (v.hasNs()) {
            ArrayNode ns = out.putArray("NS");
            v.ns().forEach(ns::add);
        } else if (v.b() != null) {
            out.put("B", v.b().asByteArray());
        } else {
            throw new IllegalArgumentException("attribute value not handled: " + v);
        }
        return out;
    }

    /** {@code count} messages taken off a queue (as the mapping would take them), one SQS event each. */
    private List<String> sqsEvents(String queue, int count) throws InterruptedException {
        String url = cloud.queueUrl(queue);
        String arn = "arn:aws:sqs:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT + ":" + queue;
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.size() < count) {
            List<Message> messages = cloud.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            for (Message m : messages) {
                cloud.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                if (out.size() < count) {
                    out.add(sqsEvent(m, arn));
                }
            }
            if (messages.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException(queue + ": " + out.size() + " messages of the " + count + " needed");
            }
        }
        return out;
    }

    private static String sqsEvent(Message m, String arn) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode r = event.putArray("Records").addObject();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        attributes.put("ApproximateReceiveCount", "1");
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        m.messageAttributes().forEach((k, v) -> {
            ObjectNode a = messageAttributes.putObject(k);
            a.put("stringValue", v.stringValue());
            a.putArray("stringListValues");
            a.putArray("binaryListValues");
            a.put("dataType", v.dataType());
        });
        r.put("md5OfBody", m.md5OfBody());
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", arn);
        r.put("awsRegion", LocalCloud.REGION);
        return compact(event);
    }

    /** A Delivery event (SES event publishing through SNS) for each of the newest {@code count} mails SES took. */
    private List<String> deliveryEvents(int count) throws Exception {
        JsonNode store = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.sesEmulator() + "/store")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> mails = new ArrayList<>();
        store.path("emails").forEach(mails::add);
        if (mails.size() < count) {
            throw new IllegalStateException("SES took " + mails.size() + " mails, " + count + " needed");
        }
        JsonNode sample = SampleData.json("sns/ses-delivery.json");
        String topicArn = "arn:aws:sns:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT + ":DeliveryEventsTopic";
        List<String> out = new ArrayList<>();
        for (JsonNode mail : mails.subList(mails.size() - count, mails.size())) {
            ObjectNode message = (ObjectNode) JSON.readTree(sample.path("Records").get(0).path("Sns")
                    .path("Message").asText());
            String now = Instant.now().toString();
            ObjectNode m = (ObjectNode) message.get("mail");
            m.put("messageId", mail.path("messageId").asText());
            m.put("timestamp", now);
            m.set("destination", mail.path("destination").path("to"));
            ObjectNode delivery = (ObjectNode) message.get("delivery");
            delivery.put("timestamp", now);
            delivery.set("recipients", mail.path("destination").path("to"));
            ObjectNode event = (ObjectNode) sample.deepCopy();
            ObjectNode record = (ObjectNode) event.path("Records").get(0);
            record.put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID());
            ObjectNode sns = (ObjectNode) record.get("Sns");
            sns.put("MessageId", UUID.randomUUID().toString());
            sns.put("TopicArn", topicArn);
            sns.put("Message", message.toString());
            sns.put("Timestamp", now);
            out.add(compact(event));
        }
        return out;
    }

    private static String compact(JsonNode node) {
        return node.toString();
    }

    // ------------------------------------------------------------------ the child JVMs

    private Sample runFunction(String function, List<String> events, String what) throws Exception {
        Function f = FUNCTIONS.get(function);
        Template template = cloud.template();
        Map<String, Object> properties = template.function(f.logicalId());
        String handler = String.valueOf(properties.get("Handler")).split("::")[0];
        int memory = ((Number) properties.getOrDefault("MemorySize", 1024)).intValue();
        Map<String, String> system = awsSettings();
        Map<String, String> all = cloud.functionEnvironment();
        // as in AWS, the function starts with its own environment alone
        template.environmentOf(f.logicalId()).keySet().forEach(name -> system.put(name, all.get(name)));
        String toolOptions = String.valueOf(template.environmentOf(f.logicalId()).getOrDefault("JAVA_TOOL_OPTIONS", ""));
        Path jar = jars.get(function);
        if (jar == null) {
            throw new IllegalStateException(jar(function) + " is missing: run mvn package -DskipTests first");
        }
        return runChild(function + " (" + what + ")", List.of(jar.toString(), runnerDir.toString()), handler,
                f.eventClass(), f.logicalId(), memory, toolOptions, system, events);
    }

    private Sample runFloor(List<String> events, String what) throws Exception {
        return runReference("floor (" + what + ")", floorClasspath, ColdStartFloorHandler.class, "FloorFunction",
                awsSettings(), events);
    }

    private Sample runComponents(List<String> events, String what) throws Exception {
        Map<String, String> system = awsSettings();
        system.put("EVENTS_TABLE", cloud.tableName("EventsTable"));
        return runReference("floor + components (" + what + ")", componentsClasspath, ColdStartComponentsHandler.class,
                "ComponentsFunction", system, events);
    }

    /** A reference handler on its class path (and the runner's), with the template's Globals memory and options. */
    private Sample runReference(String label, List<String> referenceClasspath, Class<?> handler, String functionName,
                                Map<String, String> system, List<String> events) throws Exception {
        List<String> classpath = new ArrayList<>(referenceClasspath);
        classpath.add(runnerDir.toString());
        Map<String, Object> globals = cloud.template().functionGlobals();
        int memory = ((Number) globals.getOrDefault("MemorySize", 1024)).intValue();
        String toolOptions = String.valueOf(Template.map(Template.map(globals.get("Environment")).get("Variables"))
                .getOrDefault("JAVA_TOOL_OPTIONS", ""));
        return runChild(label, classpath, handler.getName(), SQS_EVENT, functionName, memory, toolOptions, system,
                events);
    }

    /** The emulators' endpoints, region, credentials: the system properties LocalCloud sets for the SDK. */
    private static Map<String, String> awsSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("aws.")).sorted()
                .forEach(n -> out.put(n, System.getProperty(n)));
        out.put("S3_FORCE_PATH_STYLE", System.getProperty("S3_FORCE_PATH_STYLE", "true"));
        return out;
    }

    private Sample runChild(String label, List<String> classpath, String handler, String eventClass,
                            String functionName, int memoryMb, String toolOptions, Map<String, String> system,
                            List<String> events) throws Exception {
        Path eventsFile = Files.createTempFile(work, "events-", ".jsonl");
        Files.write(eventsFile, events, StandardCharsets.UTF_8);
        Path err = Files.createTempFile(work, "child-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(toolOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx" + (memoryMb * 85 / 100) + "m");
        // the memory the JVM sees, as in Lambda's container (MemorySize): its other defaults (the initial heap, 1/64
        // of it) follow from that, not from this machine's 24 GiB (an initial heap of 384 MB)
        command.add("-XX:MaxRAM=" + memoryMb + "m");
        command.addAll(options.childArgs());
        system.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ColdStartRunner.class.getName());
        command.addAll(List.of(handler, eventClass, eventsFile.toString(), functionName, Integer.toString(memoryMb)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + ": no result in 180 s");
        }
        String result = out.lines().filter(l -> l.startsWith(ColdStartRunner.RESULT)).findFirst().orElse(null);
        if (p.exitValue() != 0 || result == null) {
            throw new IllegalStateException(label + " failed (exit " + p.exitValue() + "):\n" + out + "\n"
                    + tail(err, 60));
        }
        try {
            return Sample.parse(result);
        } catch (RuntimeException e) {
            throw new IllegalStateException(label + ": " + e.getMessage() + "\n" + tail(err, 60), e);
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * The runner's classes, copied alone to a folder of their own: the child's class path gets them and nothing else
     * of this module (no Micronaut metadata of the local run).
     */
    private static Path copyRunner(Path dir) throws IOException {
        for (Class<?> c : List.of(ColdStartRunner.class, ColdStartFloorHandler.class,
                ColdStartComponentsHandler.class)) {
            String base = c.getName().replace('.', '/');
            Path source = Path.of(URI.create(c.getProtectionDomain().getCodeSource().getLocation().toString()));
            Path folder = source.resolve(base).getParent();
            String simple = c.getSimpleName();
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.equals(simple + ".class") || n.startsWith(simple + "$");
                }).toList()) {
                    Path target = dir.resolve(base).getParent().resolve(file.getFileName().toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return dir;
    }
}
