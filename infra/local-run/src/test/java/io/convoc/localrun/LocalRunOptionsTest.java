package io.convoc.localrun;

import io.convoc.localcloud.Attach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options of {@code infra/run-local}: what makes the local Lambda harsher, and where it runs. */
class LocalRunOptionsTest {
    @Test
    void defaultsFireSchedulesEveryTenSecondsWithNoDuplicatesAndNoFaults() {
        LocalRun.Options o = LocalRun.Options.parse(new String[0]);
        assertEquals(10, o.scheduleSeconds());
        assertFalse(o.atLeastOnce());
        assertTrue(o.faults().isEmpty());
        assertNull(o.faultSeed());
        // what tests start: nothing in the background unless asked
        assertEquals(0, new LocalRun.Options(0, null, true).scheduleSeconds());
    }

    @Test
    void parsesScheduleDuplicatesAndFaults() {
        LocalRun.Options o = LocalRun.Options.parse(new String[]{"--schedule-seconds", "3", "--at-least-once",
                "--faults", "ses=0.2,sns=20%,s3=0.05,seed=42", "--in-memory"});
        assertEquals(3, o.scheduleSeconds());
        assertTrue(o.atLeastOnce());
        assertEquals(Map.of("ses", 0.2, "sms", 0.2, "s3", 0.05), o.faults());
        assertEquals(42L, o.faultSeed());
        assertNull(o.dataDir());
    }

    @Test
    void runsOnTheEmbeddedEmulatorsUnlessAskedForLocalStack() {
        assertNull(LocalRun.Options.parse(new String[0], null).target());
        assertNull(LocalRun.Options.parse(new String[0], " ").target());
        assertNull(LocalRun.Options.parse(new String[]{"--target", "embedded"}, null).target());
    }

    @Test
    void theStandardEndpointSettingAttachesToLocalStackUnlessATargetIsGiven() {
        Attach fromSetting = LocalRun.Options.parse(new String[0], "http://localhost:4566").target();
        assertTrue(fromSetting.localStack());
        assertEquals(URI.create("http://localhost:4566"), fromSetting.endpoint(Attach.Service.DYNAMODB));
        assertNull(LocalRun.Options.parse(new String[]{"--target", "embedded"}, "http://localhost:4566").target());
        assertEquals(URI.create("http://other:4566"), LocalRun.Options.parse(
                new String[]{"--target", "localstack=http://other:4566"}, "http://localhost:4566").target()
                .endpoint(Attach.Service.S3));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[0], "localhost:4566"));
    }

    @Test
    void targetLocalStackAttachesEveryServiceToItsEdgePortAndReadsItsInboxes() {
        Attach local = LocalRun.Options.parse(new String[]{"--target", "localstack"}).target();
        assertTrue(local.localStack());
        for (Attach.Service service : Attach.Service.values()) {
            assertEquals(URI.create("http://localhost:4566"), local.endpoint(service), service.name());
        }
        assertEquals(URI.create("http://localhost:4566/_aws/ses"), local.sentMails());
        // LocalStack lists SMS per account and region (us-east-1 unless asked)
        assertEquals(URI.create("http://localhost:4566/_aws/sns/sms-messages?accountId=000000000000&region=eu-west-3"),
                local.sentSms());

        Attach elsewhere = LocalRun.Options.parse(new String[]{"--target", "localstack=http://ls.internal:4567/",
                "--port", "9090"}).target();
        assertEquals(URI.create("http://ls.internal:4567"), elsewhere.endpoint(Attach.Service.SQS));
        assertEquals(URI.create("http://ls.internal:4567/_aws/ses"), elsewhere.sentMails());
    }

    @Test
    void refusesFaultsOnLocalStackAndTargetsItDoesNotKnow() {
        // the fault injectors stand in front of the embedded emulators only
        IllegalArgumentException faults = assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(
                new String[]{"--target", "localstack", "--faults", "ses=0.2"}));
        assertTrue(faults.getMessage().contains("--faults"), faults.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--target", "aws"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--target"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(
                new String[]{"--target", "localstack=localhost:4566"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(
                new String[]{"--target", "localstack=http://localhost:4566/some/path"}));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "dynamodb=0.1"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "ses=1.5"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--faults", "ses"}));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse(new String[]{"--schedule-seconds", "-1"}));
    }
}
