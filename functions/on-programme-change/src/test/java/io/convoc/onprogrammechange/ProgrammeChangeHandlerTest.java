package io.convoc.onprogrammechange;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.convoc.aws.dynamo.ProgrammeChangeTable;
import io.convoc.aws.dynamo.ProgrammeItems;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.programme.ChangeKind;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.core.programme.ProgrammeEditor;
import io.convoc.core.programme.SessionDraft;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.LocalContext;
import io.convoc.localcloud.SampleData;
import io.convoc.localcloud.StreamPoller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The programme-change functions on the local cloud: the events stream and the delayed queue wired as template.yaml
 * declares them (quiet window: 2 s in tests), the real tables. Each test has its own event.
 */
@ExtendWith(LocalCloudExtension.class)
class ProgrammeChangeHandlerTest {
    private static LocalCloud cloud;
    private static ProgrammeTable programmes;
    private static ProgrammeChangeTable changes;
    private static RegistrationTable registrations;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        changes = new ProgrammeChangeTable(cloud.dynamo(), cloud.tableName("EventsTable"));
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        cloud.startFunctions(List.of("OnProgrammeChangeFunction", "ProgrammeChangeFunction"));
    }

    private static String newEvent() {
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        return eventId;
    }

    private static List<String> register(String eventId, int count, String workshop) {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            Registration r = new Registration(UUID.randomUUID().toString(), eventId, null,
                    new PersonName("Samira", "Bennani " + i, "سميرة بناني"), "", "", Category.EXPERT, "", null,
                    UUID.randomUUID() + "@example.ma", null, null, List.of(workshop), RegistrationSource.IMPORT,
                    RegistrationStatus.LETTER_READY, null, null, now, now);
            registrations.create(r);
            ids.add(r.id());
        }
        return ids;
    }

    private static ProgrammeSession move(String eventId, String sessionId, String start, String end, String roomFr,
                                         String roomAr, String status) {
        ProgrammeSession s = programmes.find(eventId).orElseThrow().session(sessionId).orElseThrow();
        return new ProgrammeEditor(programmes).update(eventId, sessionId, s.version(), new SessionDraft(null, null,
                s.title().fr(), s.title().ar(), start, end, roomFr, roomAr, status));
    }

    private static int mark(String registrationId) {
        return registrations.find(registrationId).orElseThrow().scheduleChange();
    }

    private static <T> T await(String what, Supplier<Optional<T>> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void movingAWorkshopMarksExactlyItsParticipantsOnceTheQuietWindowHasPassed() {
        String eventId = newEvent();
        List<String> participants = register(eventId, 3, "ws-numerique");
        List<String> others = register(eventId, 2, "ws-attractivite");
        ProgrammeSession moved = move(eventId, "ws-numerique", "2024-12-21T15:00", "2024-12-21T18:00", "Salle 5",
                "القاعة 5", null);
        assertEquals(2, moved.version());
        assertEquals(0, mark(participants.get(0)), "nobody hears of an edit before its quiet window has passed");

        ProgrammeChange change = await("the change to be fanned out",
                () -> changes.changeAt(eventId, "ws-numerique", 2).filter(c -> c.fanOut().done()));
        assertEquals(Set.of(ChangeKind.TIME, ChangeKind.ROOM), change.kinds());
        assertEquals("Salle 3", change.before().room().fr());
        assertEquals("Salle 5", change.after().room().fr());
        assertEquals(3, change.fanOut().concerned());
        participants.forEach(id -> assertEquals(change.number(), mark(id), "participant " + id));
        others.forEach(id -> assertEquals(0, mark(id), "other workshop " + id));
    }

    @Test
    void threeEditsInsideTheWindowMakeOneChangeWithTheNetDifference() {
        String eventId = newEvent();
        List<String> participants = register(eventId, 2, "ws-financement");
        move(eventId, "ws-financement", "2024-12-20T15:00", "2024-12-20T18:00", "Salle 7", "القاعة 7", null);
        move(eventId, "ws-financement", "2024-12-20T16:00", "2024-12-20T18:00", "Salle 7", "القاعة 7", null);
        move(eventId, "ws-financement", "2024-12-20T16:00", "2024-12-20T18:30", "Salle 8", "القاعة 8", null);

        ProgrammeChange change = await("the change to be fanned out",
                () -> changes.changeAt(eventId, "ws-financement", 4).filter(c -> c.fanOut().done()));
        assertEquals("2024-12-20T15:00", change.before().start().toString());
        assertEquals("Salle 3", change.before().room().fr());
        assertEquals("2024-12-20T16:00", change.after().start().toString());
        assertEquals("Salle 8", change.after().room().fr());
        assertEquals(1, change.number(), "one change for the three edits");
        assertTrue(changes.change(eventId, 2).isEmpty());
        assertTrue(changes.changeAt(eventId, "ws-financement", 2).isEmpty());
        assertTrue(changes.changeAt(eventId, "ws-financement", 3).isEmpty());
        participants.forEach(id -> assertEquals(1, mark(id)));
    }

    @Test
    void anEditRevertedInsideTheWindowConcernsNobody() {
        String eventId = newEvent();
        List<String> participants = register(eventId, 2, "ws-mobilite");
        ProgrammeSession original = programmes.find(eventId).orElseThrow().session("ws-mobilite").orElseThrow();
        move(eventId, "ws-mobilite", original.start().toString(), original.end().toString(), "Salle 9", "القاعة 9",
                null);
        move(eventId, "ws-mobilite", original.start().toString(), original.end().toString(), original.room().fr(),
                original.room().ar(), null);
        // the window opened by the first edit is closed by the settlement of the last one, with no change
        await("the window to be opened", () -> changes.pending(eventId, "ws-mobilite").filter(p -> p.latestVersion() == 3));
        await("the window to close", () -> changes.pending(eventId, "ws-mobilite").isEmpty() ? Optional.of(true)
                : Optional.empty());
        assertTrue(changes.changeAt(eventId, "ws-mobilite", 3).isEmpty());
        assertTrue(changes.change(eventId, 1).isEmpty());
        participants.forEach(id -> assertEquals(0, mark(id)));
    }

    @Test
    void aCancelledPlenaryReachesEveryoneRegisteredAcrossPages() {
        String eventId = newEvent();
        List<String> everyone = new ArrayList<>(register(eventId, 130, "ws-numerique"));
        everyone.addAll(register(eventId, 20, "ws-attractivite"));
        ProgrammeSession closing = programmes.find(eventId).orElseThrow().sessions().stream()
                .filter(s -> !s.isWorkshop()).reduce((a, b) -> b).orElseThrow();
        move(eventId, closing.id(), closing.start().toString(), closing.end().toString(), closing.room().fr(),
                closing.room().ar(), "CANCELLED");
        ProgrammeChange change = await("the change to be fanned out",
                () -> changes.changeAt(eventId, closing.id(), 2).filter(c -> c.fanOut().done()));
        assertEquals(Set.of(ChangeKind.CANCELLED), change.kinds());
        assertEquals(150, change.fanOut().concerned());
        everyone.forEach(id -> assertEquals(change.number(), mark(id)));
        assertEquals(SessionStatus.CANCELLED, programmes.find(eventId).orElseThrow().session(closing.id())
                .orElseThrow().status(), "cancelled, not deleted");
    }

    @Test
    void theSampleStreamRecordOpensAWindowOnceEvenWhenDeliveredTwice() {
        String eventId = newEvent();
        DynamodbEvent sample = EventLoader.loadDynamoDbEvent(SampleData.file("dynamodb/session-moved.json").toString());
        ProgrammeSession before = io.convoc.aws.streams.StreamImages.session(sample.getRecords().get(0).getDynamodb()
                .getOldImage());
        // the sample's images, re-keyed to this test's event, with versions far ahead of the stored session
        ProgrammeSession oldOne = before.withVersion(40);
        ProgrammeSession newOne = io.convoc.aws.streams.StreamImages.session(sample.getRecords().get(0)
                .getDynamodb().getNewImage()).withVersion(41);
        var record = sample.getRecords().get(0).getDynamodb();
        record.setOldImage(StreamPoller.toLambda(ProgrammeItems.sessionImage(eventId, oldOne)));
        record.setNewImage(StreamPoller.toLambda(ProgrammeItems.sessionImage(eventId, newOne)));
        record.setKeys(StreamPoller.toLambda(Map.of(
                "eventId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(eventId),
                "itemKey", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SESSION#ws-numerique"))));
        ProgrammeStreamHandler handler = new ProgrammeStreamHandler();
        StreamsEventResponse first = handler.handleRequest(sample, new LocalContext("OnProgrammeChangeFunction", 1024, 30));
        StreamsEventResponse second = handler.handleRequest(sample, new LocalContext("OnProgrammeChangeFunction", 1024, 30));
        handler.close();
        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(second.getBatchItemFailures().isEmpty());
        var pending = changes.pending(eventId, "ws-numerique").orElseThrow();
        assertEquals(41, pending.latestVersion());
        assertEquals(oldOne, pending.baseline());

        // the stored session is at version 1, not 41: settling finds a later state on its way and waits for it
        SQSEvent settle = EventLoader.loadSQSEvent(SampleData.file("sqs/programme-change.json").toString());
        settle.getRecords().get(0).setBody("{\"eventId\":\"" + eventId + "\",\"sessionId\":\"ws-numerique\",\"version\":41}");
        ProgrammeChangeHandler settler = new ProgrammeChangeHandler();
        SQSBatchResponse response = settler.handleRequest(settle, new LocalContext("ProgrammeChangeFunction", 1024, 300));
        settler.close();
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertFalse(changes.changeAt(eventId, "ws-numerique", 41).isPresent());
    }

    @Test
    void anUnreadableSettleRequestIsLeftForTheDeadLetterQueue() {
        SQSEvent settle = EventLoader.loadSQSEvent(SampleData.file("sqs/programme-change.json").toString());
        settle.getRecords().get(0).setBody("{\"eventId\":42}");
        ProgrammeChangeHandler settler = new ProgrammeChangeHandler();
        SQSBatchResponse response = settler.handleRequest(settle, new LocalContext("ProgrammeChangeFunction", 1024, 300));
        settler.close();
        assertEquals(List.of(settle.getRecords().get(0).getMessageId()), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
