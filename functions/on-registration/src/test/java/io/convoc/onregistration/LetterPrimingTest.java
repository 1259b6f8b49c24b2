package io.convoc.onregistration;

import io.convoc.aws.snapstart.SnapshotPriming;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What on-registration does in SnapStart's before-snapshot hook, in its own context and environment. */
@ExtendWith(LocalCloudExtension.class)
class LetterPrimingTest {

    @Test
    void primingBeforeTheSnapshotRendersALetterAndStoresNothing(LocalCloud cloud) throws Exception {
        int lettersBefore = cloud.s3().listObjectsV2(b -> b.bucket(cloud.bucketName("LettersBucket"))).keyCount();
        // every function's environment: the api (whose beans start eagerly) is on this module's test class path
        try (OnRegistrationHandler handler = new OnRegistrationHandler()) {
            LetterPriming letter = handler.getApplicationContext().getBean(LetterPriming.class);

            Map<String, Long> took = handler.getApplicationContext().getBean(SnapshotPriming.class).primeAll();

            assertEquals(java.util.Set.of(letter.what()), took.keySet(), "on-registration's one priming");
            assertTrue(took.get(letter.what()) >= 0, "it did not fail: " + took);
        }
        assertEquals(lettersBefore,
                cloud.s3().listObjectsV2(b -> b.bucket(cloud.bucketName("LettersBucket"))).keyCount(),
                "no letter stored");
    }
}
