package io.convoc.localcloud;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a local cloud leaves on disk: keys only its owner reads, and nothing at all when it ran in memory. */
class LocalCloudFilesTest {

    @Test
    void theLocalSecretsAreReadableByTheirOwnerOnly() throws Exception {
        Path data = Files.createTempDirectory("convoc-files");
        try (LocalCloud cloud = LocalCloud.start(Template.project(), data)) {
            cloud.secretValue("LetterTokenSecret");
            Path secret = data.resolve("secrets").resolve("LetterTokenSecret");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())));
        } finally {
            LocalFiles.deleteTree(data);
        }
    }

    @Test
    void aCloudInMemoryLeavesNothingBehind() {
        Path work;
        try (LocalCloud cloud = LocalCloud.start(Template.project(), null)) {
            work = cloud.workDir();
            cloud.secretValue("LetterTokenSecret");
            assertTrue(Files.exists(work.resolve("secrets")));
        }
        assertFalse(Files.exists(work), work + " is still there");
    }
}
