package io.convoc.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.event.Programme;
import io.convoc.localcloud.SampleData;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads an event and its programme ({@code events/data/<event>.json}) into a deployed stack's {@code EventsTable}:
 * what the local run does at its first start, for AWS. The AWS SDK's usual settings say where (region, credentials,
 * {@code AWS_ENDPOINT_URL} for an emulator). An event already there is left as it is, since organizers may have edited
 * its programme since, unless {@code --replace}. Loading notifies nobody (sessions written as loaded, not edited).
 *
 * <pre>infra/load-event events/data/assises-2024.json --table &lt;the stack's EventsTable&gt; [--replace]</pre>
 */
public final class LoadEvent {
    static final String USAGE = "usage: infra/load-event <event.json> --table <EventsTable name> [--replace]";

    private LoadEvent() {
    }

    public static void main(String[] args) {
        Path file = null;
        String table = null;
        boolean replace = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = i + 1 < args.length ? args[++i] : null;
                case "--replace" -> replace = true;
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null || table == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try (DynamoDbClient dynamo = DynamoDbClient.create()) {
            System.exit(load(dynamo, table, file, replace, System.out, System.err));
        }
    }

    /** @return 0 when loaded, 1 when left as it was (already there), 2 when the file cannot be read as an event */
    static int load(DynamoDbClient dynamo, String table, Path file, boolean replace, PrintStream out, PrintStream err) {
        Programme programme;
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            programme = SampleData.programme(root);
        } catch (IOException | RuntimeException e) {
            err.println(file + " is not an event's data (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); see events/data/assises-2024.json");
            return 2;
        }
        ProgrammeTable programmes = new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                table);
        String id = programme.event().id();
        if (!replace && programmes.find(id).isPresent()) {
            err.println("event " + id + " is already in " + table + " (its programme may have been edited since):"
                    + " left as it is; --replace to overwrite it with " + file);
            return 1;
        }
        programmes.save(programme);
        out.println("Loaded event " + id + " (" + programme.event().name().in(io.convoc.core.event.Language.FR)
                + "): " + programme.sessions().size() + " sessions into " + table);
        return 0;
    }
}
