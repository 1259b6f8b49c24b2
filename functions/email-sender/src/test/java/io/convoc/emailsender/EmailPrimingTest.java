package io.convoc.emailsender;

import io.convoc.aws.snapstart.SnapshotPriming;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the e-mail sender does in SnapStart's before-snapshot hook, in its own context and environment. */
@ExtendWith(LocalCloudExtension.class)
class EmailPrimingTest {

    @Test
    void primingBeforeTheSnapshotComposesAConfirmationAndReadsButSendsNothing(LocalCloud cloud) throws Exception {
        int mailsBefore = EmailSenderRunning.mailsTo(cloud, "@").size();
        try (EmailSenderHandler handler = cloud.withEnvironmentOf("EmailSenderFunction", EmailSenderHandler::new)) {
            EmailPriming email = handler.getApplicationContext().getBean(EmailPriming.class);
            assertEquals(0, email.composedBytes(), "nothing is primed at start, only before a snapshot");

            Map<String, Long> took = handler.getApplicationContext().getBean(SnapshotPriming.class).primeAll();

            assertEquals(Map.of(email.what(), took.get(email.what())), took, "the e-mail sender's one priming");
            assertTrue(took.get(email.what()) >= 0, "it did not fail: " + took);
            assertTrue(email.composedBytes() > 5_000, "a whole MIME message was built: " + email.composedBytes());
        }
        assertEquals(mailsBefore, EmailSenderRunning.mailsTo(cloud, "@").size(), "no mail reached SES");
    }
}
