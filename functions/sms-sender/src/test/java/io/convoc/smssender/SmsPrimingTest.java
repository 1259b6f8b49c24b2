package io.convoc.smssender;

import io.convoc.aws.snapstart.SnapshotPriming;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the SMS sender does in SnapStart's before-snapshot hook, in its own context and environment. */
@ExtendWith(LocalCloudExtension.class)
class SmsPrimingTest {

    @Test
    void primingBeforeTheSnapshotComposesAnSmsAndReadsButSendsNothing(LocalCloud cloud) throws Exception {
        int smsBefore = cloud.sms().messages().size();
        try (SmsSenderHandler handler = cloud.withEnvironmentOf("SmsSenderFunction", SmsSenderHandler::new)) {
            SmsPriming sms = handler.getApplicationContext().getBean(SmsPriming.class);
            assertEquals(0, sms.composedParts(), "nothing is primed at start, only before a snapshot");

            Map<String, Long> took = handler.getApplicationContext().getBean(SnapshotPriming.class).primeAll();

            assertEquals(java.util.Set.of(sms.what()), took.keySet(), "the SMS sender's one priming");
            assertTrue(took.get(sms.what()) >= 0, "it did not fail: " + took);
            assertTrue(sms.composedParts() >= 2, "French and Arabic composed: " + sms.composedParts());
        }
        assertEquals(smsBefore, cloud.sms().messages().size(), "no SMS reached SNS");
    }
}
