package io.convoc.api.calendar;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.convoc.api.ApiHandler;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.StringReader;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar a registration's signed link serves, as a calendar application fetches it. */
@ExtendWith(LocalCloudExtension.class)
class CalendarControllerTest {
    private static ApiHandler handler;
    private static RegistrationTable registrations;
    private static LetterTokens TOKENS;

    @BeforeAll
    static void start(LocalCloud cloud) {
        TOKENS = new LetterTokens(cloud.secretValue("LetterTokenSecret"));
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        new ProgrammeTable(enhanced, cloud.tableName("EventsTable")).save(SampleData.assises());
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        handler = new ApiHandler();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static APIGatewayV2HTTPResponse get(String id, String token) {
        APIGatewayV2HTTPEvent event = SampleData.apiRequest("get-calendar.json");
        String path = "/api/registrations/" + id + "/calendar.ics";
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.setRawQueryString("token=" + token);
        event.setQueryStringParameters(Map.of("token", token));
        return handler.handleRequest(event, new LocalContext("ApiFunction", 1536, 30));
    }

    @Test
    void aSignedLinkServesTheSessionsThePersonAttendsAndNothingWithoutIt() throws Exception {
        Instant now = Instant.now();
        Registration r = new Registration(UUID.randomUUID().toString(), "assises-2024", null,
                new PersonName("Nadia", "Tazi", "نادية التازي"), "", "", Category.EXPERT, "", null,
                UUID.randomUUID() + "@example.ma", null, null, List.of("ws-numerique"), RegistrationSource.FORM,
                RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        String token = TOKENS.signCalendar(r.id(), now.plusSeconds(3600));
        APIGatewayV2HTTPResponse response = get(r.id(), token);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/calendar"), response.getHeaders().toString());
        String ics = response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), java.nio.charset.StandardCharsets.UTF_8)
                : response.getBody();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        // every plenary of the Assises and the one workshop chosen
        long plenaries = SampleData.assises().sessions().stream().filter(s -> !s.isWorkshop()).count();
        assertEquals(plenaries + 1, events.size());
        assertTrue(events.stream().anyMatch(e -> e.getUid().orElseThrow().getValue()
                .startsWith(r.id() + ".ws-numerique@")), ics);

        char last = token.charAt(token.length() - 1);
        assertEquals(404, get(r.id(), token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))
                .getStatusCode(), "tampered");
        assertEquals(404, get(UUID.randomUUID().toString(), token).getStatusCode(), "another registration's link");
        assertEquals(404, get(r.id(), TOKENS.signCalendar(r.id(), now.minusSeconds(1))).getStatusCode(), "expired");
    }
}
