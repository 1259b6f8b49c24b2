package io.convoc.localrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.core.event.Programme;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** infra/load-event: an event's data into a stack's EventsTable (here the local cloud's), never over organizers' edits. */
@ExtendWith(LocalCloudExtension.class)
class LoadEventTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int load(LocalCloud cloud, Path file, boolean replace) {
        return LoadEvent.load(cloud.dynamo(), cloud.tableName("EventsTable"), file, replace,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path eventFile(String id) throws Exception {
        ObjectNode root = (ObjectNode) SampleData.json("data/assises-2024.json").deepCopy();
        ((ObjectNode) root.get("event")).put("id", id);
        Path file = Files.createTempFile("event", ".json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(root));
        return file;
    }

    @Test
    void loadsAnEventsProgrammeAndLeavesItAsItIsTheSecondTime(LocalCloud cloud) throws Exception {
        String id = "assises-load-" + UUID.randomUUID();
        Path file = eventFile(id);
        assertEquals(0, load(cloud, file, false), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Loaded event " + id), out.toString());
        ProgrammeTable programmes = new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo())
                .build(), cloud.tableName("EventsTable"));
        Programme loaded = programmes.find(id).orElseThrow();
        assertEquals(SampleData.assises().sessions().size(), loaded.sessions().size());
        assertEquals(SampleData.assises().event().name(), loaded.event().name());

        assertEquals(1, load(cloud, file, false));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("already in"), err.toString());
        assertEquals(0, load(cloud, file, true));
    }

    @Test
    void aFileThatIsNotAnEventIsRefusedNamingIt(LocalCloud cloud) throws Exception {
        Path file = Files.createTempFile("not-an-event", ".json");
        Files.writeString(file, "{\"event\":{\"id\":\"x\"}}");
        assertEquals(2, load(cloud, file, false));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(file + " is not an event's data"), err.toString());
    }
}
