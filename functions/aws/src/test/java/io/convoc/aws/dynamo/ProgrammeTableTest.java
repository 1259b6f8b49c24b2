package io.convoc.aws.dynamo;

import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalCloudExtension.class)
class ProgrammeTableTest {

    @Test
    void anEventsSettingsAndSessionsReadBackAsSavedAndASessionIsWrittenOnlyOnItsVersion(LocalCloud cloud) {
        ProgrammeTable table = new ProgrammeTable(DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build(),
                cloud.tableName("EventsTable"));
        Programme sample = SampleData.assisesAs("assises-" + UUID.randomUUID());
        Event e = sample.event();
        Event abroad = new Event(e.id(), e.name(), e.theme(), e.patronage(), e.city(), e.venue(), e.startDate(),
                e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(), e.practicalInformation(),
                e.referencePrefix(), true, -1);
        table.save(new Programme(abroad, sample.sessions()));
        Programme read = table.find(e.id()).orElseThrow();
        assertEquals(abroad, read.event(), "SMS abroad allowed, Hijri date moved a day back");
        assertEquals(sample.sessions(), read.sessions());

        ProgrammeSession ws = read.session("ws-numerique").orElseThrow();
        ProgrammeSession cancelled = new ProgrammeSession(ws.id(), ws.kind(), ws.title(), ws.start(), ws.end(),
                ws.room(), SessionStatus.CANCELLED, 2);
        assertTrue(table.saveSession(e.id(), cancelled, 1));
        assertFalse(table.saveSession(e.id(), cancelled.withVersion(3), 1), "a stale version is refused");
        assertFalse(table.saveSession(e.id(), ws.withVersion(1), 0), "a new session cannot take an existing id");
        assertEquals(cancelled, table.find(e.id()).orElseThrow().session("ws-numerique").orElseThrow());
    }
}
