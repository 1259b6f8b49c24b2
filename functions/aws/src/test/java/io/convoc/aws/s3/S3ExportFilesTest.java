package io.convoc.aws.s3;

import io.convoc.core.ports.ExportFiles;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export files sent in parts to the local S3 (s3proxy checks signatures and assembles the parts). */
@ExtendWith(LocalCloudExtension.class)
class S3ExportFilesTest {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(LocalCloud cloud) {
        s3 = cloud.s3();
        bucket = cloud.bucketName("LettersBucket");
    }

    @Test
    void aFileLargerThanAPartIsSentInPartsAndAppearsWholeOnlyOnceCompleted() throws Exception {
        String key = "exports/test/" + UUID.randomUUID() + ".pdf";
        byte[] data = new byte[12 * 1024 * 1024 + 12345]; // two parts of 5 MiB and a short last one
        new Random(7).nextBytes(data);
        S3ExportFiles files = new S3ExportFiles(s3, bucket, 5 * 1024 * 1024);
        try (ExportFiles.Upload upload = files.open(key)) {
            OutputStream out = upload.out();
            for (int i = 0; i < data.length; i += 100_000) {
                out.write(data, i, Math.min(100_000, data.length - i));
            }
            assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key(key)),
                    "nothing at the key before the upload is completed");
            assertEquals(data.length, upload.complete());
        }
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                MessageDigest.getInstance("SHA-256").digest(stored));
        assertEquals("application/pdf", s3.headObject(b -> b.bucket(bucket).key(key)).contentType());
    }

    @Test
    void aSmallFileIsOneLastPartAndAnUploadNotCompletedLeavesNothing() {
        S3ExportFiles files = new S3ExportFiles(s3, bucket);
        String small = "exports/test/" + UUID.randomUUID() + ".pdf";
        try (ExportFiles.Upload upload = files.open(small)) {
            upload.out().write("%PDF-1.7 tiny".getBytes());
            assertEquals(13, upload.complete());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(13, s3.getObjectAsBytes(b -> b.bucket(bucket).key(small)).asByteArray().length);

        String dropped = "exports/test/" + UUID.randomUUID() + ".pdf";
        try (ExportFiles.Upload upload = new S3ExportFiles(s3, bucket, 5 * 1024 * 1024).open(dropped)) {
            upload.out().write(new byte[6 * 1024 * 1024]); // one part sent, then the writer fails
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key(dropped)));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket).prefix(dropped)).uploads().isEmpty(),
                "the parts sent were dropped");
    }
}
