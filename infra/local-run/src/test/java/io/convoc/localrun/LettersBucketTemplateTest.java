package io.convoc.localrun;

import io.convoc.localcloud.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "letters are stored with SSE": the writers ask for nothing (S3LetterArchive), so the bucket's default
 * encryption as template.yaml declares it is what encrypts every letter. The local S3 does not encrypt, so the
 * declaration is what is checked, with the other protections the letters rely on.
 */
class LettersBucketTemplateTest {
    private static final Template TEMPLATE = Template.project();

    private static Map<String, Object> lettersBucket() {
        Template.Resource bucket = TEMPLATE.resources().get("LettersBucket");
        assertNotNull(bucket, "LettersBucket in template.yaml");
        assertEquals("AWS::S3::Bucket", bucket.type());
        return bucket.properties();
    }

    @Test
    void everyLetterIsEncryptedAtRestByTheBucketsDefault() {
        Map<String, Object> encryption = Template.map(lettersBucket().get("BucketEncryption"));
        assertTrue(!encryption.isEmpty(), "BucketEncryption");
        List<Object> rules = Template.list(encryption.get("ServerSideEncryptionConfiguration"));
        assertEquals(1, rules.size(), rules.toString());
        Map<String, Object> byDefault = Template.map(Template.map(rules.get(0)).get("ServerSideEncryptionByDefault"));
        assertTrue(!byDefault.isEmpty(), rules.toString());
        Object algorithm = byDefault.get("SSEAlgorithm");
        assertTrue(List.of("AES256", "aws:kms", "aws:kms:dsse").contains(algorithm), "SSEAlgorithm: " + algorithm);
    }

    @Test
    void lettersAreNeverPublicAndEarlierVersionsAreKept() {
        Map<String, Object> block = Template.map(lettersBucket().get("PublicAccessBlockConfiguration"));
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                "RestrictPublicBuckets")) {
            assertEquals(Boolean.TRUE, block.get(setting), setting);
        }
        assertEquals("Enabled", Template.map(lettersBucket().get("VersioningConfiguration")).get("Status"));
    }
}
