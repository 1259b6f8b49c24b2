package io.convoc.localrun;

import io.convoc.localcloud.Paths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml against the project's cfn-guard rules ({@code infra/guard/convoc.guard}), with the cfn-guard binary of
 * npm {@code @cdklabs/cdk-validator-cfnguard}: the template passes, and a template that drops a dead-letter queue,
 * point-in-time recovery or a bucket's public-access block, or grants a function every resource, fails the build
 * naming what is wrong.
 */
class TemplateGuardTest {
    private static final Path RULES = Paths.root().resolve("infra/guard/convoc.guard");

    record Result(int exit, String output) {
    }

    private static Result guard(String template) throws Exception {
        Path file = Files.createTempFile("template", ".yaml");
        try {
            Files.writeString(file, template);
            Process p = new ProcessBuilder(
                    Paths.npm("@cdklabs/cdk-validator-cfnguard/bin/ubuntu/x86_64/cfn-guard").toString(),
                    "validate", "--data", file.toString(), "--rules", RULES.toString(), "--show-summary", "fail")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cfn-guard did not finish");
            return new Result(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String template() throws IOException {
        return Files.readString(Paths.root().resolve("template.yaml"));
    }

    @Test
    void theTemplatePassesTheProjectsRules() throws Exception {
        Result r = guard(template());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aQueueWithoutItsDeadLetterQueueFailsNamingIt() throws Exception {
        String broken = template().replace("""
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt SmsDeadLetterQueue.Arn
                        maxReceiveCount: !Ref NoticeMaxReceiveCount
                """, "");
        assertNotEquals(template(), broken);
        Result r = guard(broken);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("a queue read by a function names its dead-letter queue"), r.output());
        assertTrue(r.output().contains("/Resources/SmsQueue/"), r.output());
    }

    @Test
    void aTableWithoutPointInTimeRecoveryFails() throws Exception {
        String broken = template().replaceFirst("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false");
        Result r = guard(broken);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("every table has point-in-time recovery"), r.output());
    }

    @Test
    void aFunctionGrantedEveryResourceFails() throws Exception {
        String broken = template().replaceFirst("Resource: !GetAtt EventsTable.Arn", "Resource: '*'");
        Result r = guard(broken);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("a function's policy names its resources"), r.output());
    }

    @Test
    void aBucketOpenToThePublicFails() throws Exception {
        String broken = template().replaceFirst("BlockPublicPolicy: true", "BlockPublicPolicy: false");
        assertNotEquals(template(), broken);
        Result r = guard(broken);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("every bucket blocks public access"), r.output());
    }
}
