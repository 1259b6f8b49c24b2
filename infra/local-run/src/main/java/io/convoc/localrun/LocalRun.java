package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.event.Programme;
import io.convoc.localcloud.HttpApiGateway;
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

    public record Options(int port, Path dataDir, boolean seed) {
        static Options parse(String[] args) {
            int port = 8080;
            Path data = Paths.root().resolve(".local-cloud");
            boolean seed = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data" -> data = Path.of(args[++i]);
                    case "--in-memory" -> data = null;
                    case "--no-seed" -> seed = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --port N, --data DIR, --in-memory, --no-seed)");
                }
            }
            return new Options(port, data, seed);
        }
    }

    public static LocalRun start(Options options, PrintStream out) throws IOException {
        if (options.dataDir() != null) {
            Files.createDirectories(options.dataDir());
        }
        Template template = Template.project();
        LocalRun run = new LocalRun(LocalCloud.start(template, options.dataDir(), LocalCloud.LOCAL_PARAMETERS));
        try {
            // the gateway binds first, so that the links functions print (QR codes, downloads) point at it
            DeferredHandler api = new DeferredHandler();
            run.gateway = HttpApiGateway.start(template, "ApiFunction", api, "127.0.0.1", options.port(),
                    run.cloud.identity());
            run.writeTokens();
            run.running.add(run.gateway);
            System.setProperty("PUBLIC_API_URL", run.gateway.url());
            api.set(HttpApiGateway.newHandler(template, "ApiFunction"));
            run.running.add(api);
            run.cloud.startFunctions(run.cloud.eventDrivenFunctions());
            run.cloud.startSesEvents(run.cloud.topicSubscribers());
            if (options.seed()) {
                run.seed(api, out);
            }
            run.describe(out);
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
            Files.writeString(dir.resolve(user.getKey() + ".jwt"),
                    cloud.identity().token("local." + user.getKey(), user.getValue(), Duration.ofHours(12)));
        }
    }

    /** The token of a local user of {@link #USERS}. */
    public String token(String user) throws IOException {
        return Files.readString(cloud.workDir().resolve("tokens").resolve(user + ".jwt"));
    }

    private void describe(PrintStream out) {
        out.println();
        out.println("convoc local cloud is running (Ctrl-C to stop)");
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

    public static void main(String[] args) throws Exception {
        LocalRun run = start(Options.parse(args), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
