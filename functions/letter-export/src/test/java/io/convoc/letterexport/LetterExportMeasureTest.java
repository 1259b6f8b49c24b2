package io.convoc.letterexport;

import io.convoc.aws.dynamo.LetterExportTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.sqs.SqsLetterExportQueue;
import io.convoc.core.letters.LetterExport;
import io.convoc.core.letters.LetterExportRequests;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.letters.Requester;
import io.convoc.core.ports.LetterExportQueue;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.Paths;
import io.convoc.localcloud.SampleData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures an export of many letters (2,000 by default) made by the function's own jar in a JVM of its own, with
 * Lambda's JVM options and a given heap, against the local cloud; prints time, peak heap (sampled, and live after
 * collections) and the file's size for each heap. /tmp holds the letters read (their total size: the binding's file
 * is unlinked as soon as it is open, so it is not listed). Not part of the build: {@code mvn -pl functions/letter-export package -DskipTests} first,
 * then {@code mvn -pl functions/letter-export test -Dtest=LetterExportMeasureTest -Dconvoc.measure=2000
 * -Dconvoc.measure.heaps=512,256,128,64}; {@code -Dconvoc.measure.cpu=0} pins the function's JVM to one core.
 */
@ExtendWith(LocalCloudExtension.class)
@EnabledIfSystemProperty(named = "convoc.measure", matches = "\\d+")
class LetterExportMeasureTest {

    @Test
    void measureAnExportOfManyLetters(LocalCloud cloud) throws Exception {
        Path jar = Paths.root().resolve("functions/letter-export/target/letter-export-lambda.jar");
        assumeTrue(Files.exists(jar), "package the function first");
        int count = Integer.parseInt(System.getProperty("convoc.measure"));
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        ProgrammeTable programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        RegistrationTable registrations = new RegistrationTable(enhanced, cloud.dynamo(),
                cloud.tableName("RegistrationsTable"), cloud.tableName("RegistrationLookupsTable"));
        LetterExportTable exports = new LetterExportTable(cloud.dynamo(), cloud.tableName("LetterDownloadsTable"));
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        long setup = System.nanoTime();
        ExportFixtures.lettersFor(registrations, cloud.s3(), cloud.bucketName("LettersBucket"), eventId, count, 10, 1);
        System.out.printf("MEASURE setup of %d letters: %d ms%n", count, (System.nanoTime() - setup) / 1_000_000);
        LetterExportQueue nowhere = id -> { }; // the child JVM is invoked directly, not through the queue
        LetterExportRequests requests = new LetterExportRequests(programmes, exports, nowhere, Clock.systemUTC());
        Requester by = new Requester("u-measure", "mesure", "protocol", "127.0.0.1", "measure");

        for (String heap : System.getProperty("convoc.measure.heaps", "256,128,64").split(",")) {
            LetterExport export = requests.request(new LetterSelection(eventId, null, null, null, null, List.of()), by);
            Path tmp = Files.createTempDirectory("export-tmp-");
            List<String> command = new ArrayList<>();
            if (System.getProperty("convoc.measure.cpu") != null) {
                // one core, as Lambda gives one vCPU at 1,769 MB
                command.addAll(List.of("taskset", "-c", System.getProperty("convoc.measure.cpu")));
            }
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap + "m", "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + tmp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
            System.getProperties().forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.startsWith("aws.") || key.equals("S3_FORCE_PATH_STYLE")) {
                    command.add("-D" + key + "=" + v);
                }
            });
            for (Map.Entry<String, String> e : cloud.functionEnvironment().entrySet()) {
                if (!e.getKey().equals("JAVA_TOOL_OPTIONS")) {
                    command.add("-D" + e.getKey() + "=" + e.getValue());
                }
            }
            command.addAll(List.of("-cp", jar + java.io.File.pathSeparator
                    + Paths.root().resolve("functions/letter-export/target/test-classes"),
                    ExportRun.class.getName(), export.id(), "900"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("RESULT")) {
                        result = line;
                    } else if (line.contains("Exception") || line.contains("Error") || line.contains("export ")) {
                        System.out.println("  [child] " + line);
                    }
                }
            }
            process.waitFor();
            LetterExport done = exports.find(export.id()).orElseThrow();
            String size = "-";
            if (done.state() == LetterExport.State.READY) {
                Path file = Files.createTempFile("export-", ".pdf");
                Files.write(file, cloud.s3().getObjectAsBytes(b -> b.bucket(cloud.bucketName("LettersBucket"))
                        .key(done.key())).asByteArray());
                try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
                    assertEquals(done.pages(), pdf.getNumberOfPages());
                }
                size = String.format("%.1f MB", done.bytes() / 1024.0 / 1024.0);
                Files.delete(file);
            }
            System.out.printf("MEASURE -Xmx%sm: %s state=%s letters=%d pages=%d (cover %d) file=%s%n", heap, result,
                    done.state(), done.letters(), done.pages(), done.coverPages(), size);
        }
    }
}
