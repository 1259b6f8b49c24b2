package io.convoc.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 5,000-row import (the most README allows) through the api handler against the local cloud: it must finish well
 * inside API Gateway's and Lambda's 30 seconds with its full per-row report, and the same file again creates nothing.
 * In the suite it imports 1,000 rows (correctness and idempotency); {@code -Dconvoc.measure=true} imports 5,000 and
 * holds it to the time limit: {@code mvn -o -pl functions/api test -Dtest=ImportMeasureTest -Dconvoc.measure=true}.
 */
@ExtendWith(LocalCloudExtension.class)
class ImportMeasureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CATEGORIES = {"Expert", "Presse", "Président(e) de région", "Délégation étrangère"};
    private static ApiHandler handler;
    private static final String EVENT = "measure-" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalCloud cloud) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assisesAs(EVENT));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    static String csv(int rows) {
        StringBuilder csv = new StringBuilder("civilité,prénom,nom,nom en arabe,catégorie,courriel,téléphone,ateliers\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 2 == 0 ? "Monsieur" : "Madame").append(",Prénom").append(i).append(",Nom").append(i)
                    .append(",الاسم").append(i).append(',').append(CATEGORIES[i % CATEGORIES.length])
                    .append(",invite").append(i).append("@example.ma,06").append(String.format("%08d", 10_000_000 + i))
                    .append(',').append(i % 3 == 0 ? "ws-numerique;ws-attractivite" : "").append('\n');
        }
        return csv.toString();
    }

    private static APIGatewayV2HTTPResponse importFile(String csv) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("import-registrations.json");
        event.setQueryStringParameters(new HashMap<>(Map.of("eventId", EVENT)));
        event.setRawQueryString("eventId=" + EVENT);
        event.setBody(csv);
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    @Test
    void aLargeImportFinishesWithItsFullReportAndAgainCreatesNothing() throws Exception {
        importFile(csv(20)); // warm-up: the first request starts Micronaut's routes and the SDK
        boolean measure = Boolean.getBoolean("convoc.measure");
        int rows = measure ? 5000 : 1000;
        String file = csv(rows);
        long t0 = System.nanoTime();
        APIGatewayV2HTTPResponse first = importFile(file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(200, first.getStatusCode(), first.getBody().substring(0, Math.min(500, first.getBody().length())));
        JsonNode report = JSON.readTree(first.getBody());
        assertEquals(rows, report.get("rows").asInt());
        assertEquals(rows, report.get("results").size());
        assertEquals(rows - 20, report.get("created").asInt(), "the 20 warm-up rows are already registered");
        assertEquals(20, report.get("alreadyRegistered").asInt());
        for (int i = 0; i < rows; i++) {
            assertEquals(i + 2, report.get("results").get(i).get("row").asInt(), "rows in the file's order");
        }

        long t1 = System.nanoTime();
        JsonNode again = JSON.readTree(importFile(file).getBody());
        double secondsAgain = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, again.get("created").asInt());
        assertEquals(rows, again.get("alreadyRegistered").asInt());

        System.out.printf("IMPORT rows=%d first=%.1f s (%.0f rows/s) again=%.1f s (%.0f rows/s)%n",
                rows, seconds, rows / seconds, secondsAgain, rows / secondsAgain);
        if (measure) {
            assertTrue(seconds < 30, "a 5,000-row import took " + seconds + " s");
            assertTrue(secondsAgain < 10, "the re-import took " + secondsAgain + " s");
        }
    }
}
