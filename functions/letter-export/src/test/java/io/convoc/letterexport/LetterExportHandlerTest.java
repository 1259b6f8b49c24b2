package io.convoc.letterexport;

import io.convoc.aws.dynamo.LetterDownloadTable;
import io.convoc.aws.dynamo.LetterExportTable;
import io.convoc.aws.dynamo.ProgrammeTable;
import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.aws.sqs.SqsLetterExportQueue;
import io.convoc.core.letters.LetterDownload;
import io.convoc.core.letters.LetterExport;
import io.convoc.core.letters.LetterExportRequests;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.letters.Requester;
import io.convoc.core.ports.Page;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.SampleData;
import io.micronaut.json.JsonMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export function on the local cloud, wired to its queue as template.yaml declares it: an export requested as
 * the api requests it is made into one PDF in S3, in protocol order, and audited. Each test has its own event.
 */
@ExtendWith(LocalCloudExtension.class)
class LetterExportHandlerTest {
    private static final Requester PROTOCOL = new Requester("u-protocol-1", "protocole.tanger", "protocol",
            "196.200.1.10", "ProtocolDesk/1.0");
    private static final Pattern REFERENCE = Pattern.compile("EXP-2024/\\d{4}");

    private static LocalCloud cloud;
    private static ProgrammeTable programmes;
    private static RegistrationTable registrations;
    private static LetterExportTable exports;
    private static LetterDownloadTable downloads;
    private static LetterExportRequests requests;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(LocalCloud localCloud) {
        cloud = localCloud;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(cloud.dynamo()).build();
        programmes = new ProgrammeTable(enhanced, cloud.tableName("EventsTable"));
        registrations = new RegistrationTable(enhanced, cloud.dynamo(), cloud.tableName("RegistrationsTable"),
                cloud.tableName("RegistrationLookupsTable"));
        exports = new LetterExportTable(cloud.dynamo(), cloud.tableName("LetterDownloadsTable"));
        downloads = new LetterDownloadTable(cloud.dynamo(), cloud.tableName("LetterDownloadsTable"));
        requests = new LetterExportRequests(programmes, exports, new SqsLetterExportQueue(cloud.sqs(),
                JsonMapper.createDefault(), cloud.queueUrl("LetterExportsQueue")), Clock.systemUTC());
        s3 = cloud.s3();
        bucket = cloud.bucketName("LettersBucket");
        cloud.startFunctions(List.of("LetterExportFunction"));
    }

    private static String newEvent() {
        String eventId = "assises-" + UUID.randomUUID();
        programmes.save(SampleData.assisesAs(eventId));
        return eventId;
    }

    static LetterExport awaitFinished(String exportId, Duration timeout) {
        return await("export " + exportId, timeout, () -> exports.find(exportId).filter(LetterExport::finished));
    }

    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static Path fetch(LetterExport export) throws Exception {
        Path file = Path.of("target", "export-" + export.letters() + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(bucket).key(export.key())).asByteArray());
        return file;
    }

    private static String text(PDDocument document, int from, int to) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        return stripper.getText(document);
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        }
    }

    @Test
    void anExportOf500LettersIsOnePdfWithACoverThenTheLettersInProtocolOrderAndIsAudited() throws Exception {
        String eventId = newEvent();
        List<ExportFixtures.Made> made = ExportFixtures.lettersFor(registrations, s3, bucket, eventId, 500, 7, 42);
        ExportFixtures.withoutLetter(registrations, eventId); // not ready: the default filter leaves it out
        int shortPages = pages(ExportFixtures.SHORT);
        int longPages = pages(ExportFixtures.LONG);
        assertTrue(longPages >= 2, "the long sample has " + longPages + " pages");
        List<ExportFixtures.Made> inOrder = made.stream()
                .sorted(Comparator.comparing(m -> m.registration().protocolKey())).toList();

        LetterExport requested = requests.request(new LetterSelection(eventId, null, null, null, null, List.of()),
                PROTOCOL);
        LetterExport export = awaitFinished(requested.id(), Duration.ofSeconds(120));
        assertEquals(LetterExport.State.READY, export.state(), export.reason());
        assertEquals(500, export.letters());
        assertEquals(0, export.skipped());
        assertEquals("exports/" + eventId + "/" + export.id() + ".pdf", export.key());

        Path file = fetch(export);
        assertEquals(Files.size(file), export.bytes());
        int letterPages = made.stream().mapToInt(m -> m.longLetter() ? longPages : shortPages).sum();
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertEquals(export.coverPages() + letterPages, pdf.getNumberOfPages(), "the cover, then every page");
            assertEquals(export.pages(), pdf.getNumberOfPages());
            assertTrue(export.coverPages() >= 2, export.coverPages() + " cover pages for 500 lines");

            // the cover lists the references in protocol order, each with the page its letter starts on
            String cover = text(pdf, 1, export.coverPages());
            assertTrue(cover.contains("Lettres d’invitation – dossier d’impression"), cover.substring(0, 400));
            List<String> listed = new ArrayList<>();
            Matcher m = REFERENCE.matcher(cover);
            while (m.find()) {
                listed.add(m.group());
            }
            assertEquals(inOrder.stream().map(x -> x.registration().letter().reference()).toList(), listed);
            int page = export.coverPages() + 1;
            for (ExportFixtures.Made letter : inOrder) {
                String row = cover.lines().filter(l -> l.contains(letter.registration().letter().reference()))
                        .findFirst().orElseThrow();
                assertTrue(row.strip().endsWith(" " + page), "row " + row + " names page " + page);
                page += letter.longLetter() ? longPages : shortPages;
            }
            // and the letters are there in that order: where the cover says, the sample that was stored starts
            page = export.coverPages() + 1;
            for (ExportFixtures.Made letter : inOrder.subList(0, 40)) {
                String first = text(pdf, page, page);
                assertTrue(first.contains(letter.longLetter() ? ExportFixtures.LONG_SAMPLE : ExportFixtures.SHORT_SAMPLE),
                        "page " + page);
                assertTrue(!first.contains("(suite)"), "page " + page + " starts a letter");
                page += letter.longLetter() ? longPages : shortPages;
            }
        }

        // audited: one entry per letter exported, by the one who asked, with version and reference
        Registration someone = inOrder.get(123).registration();
        List<LetterDownload> entries = downloads.byRegistration(someone.id(), null, 10).items();
        assertEquals(1, entries.size());
        LetterDownload entry = entries.get(0);
        assertEquals(LetterDownload.Kind.EXPORT, entry.kind());
        assertEquals(export.id(), entry.exportId());
        assertEquals("protocole.tanger", entry.by().userName());
        assertEquals("protocol", entry.by().role());
        assertEquals("196.200.1.10", entry.by().sourceIp());
        assertEquals(1, entry.version());
        assertEquals(someone.letter().reference(), entry.reference());
        Set<String> exported = new HashSet<>();
        String cursor = null;
        do {
            Page<LetterDownload> byUser = downloads.byUser("u-protocol-1", cursor, 100);
            byUser.items().stream().filter(d -> export.id().equals(d.exportId()))
                    .forEach(d -> exported.add(d.registrationId()));
            cursor = byUser.nextCursor();
        } while (cursor != null);
        assertEquals(500, exported.size(), "every letter exported is in the user's audit");
        assertEquals(export.id(), downloads.lastOf(List.of(someone.id())).get(someone.id()).exportId());
    }

    @Test
    void anExplicitListIsBoundInProtocolOrderAndWhatHasNoLetterIsCountedAsSkipped() throws Exception {
        String eventId = newEvent();
        List<ExportFixtures.Made> made = ExportFixtures.lettersFor(registrations, s3, bucket, eventId, 5, 0, 7);
        String otherEvent = newEvent();
        Registration elsewhere = ExportFixtures.lettersFor(registrations, s3, bucket, otherEvent, 1, 0, 8).get(0)
                .registration();
        Registration waiting = ExportFixtures.withoutLetter(registrations, eventId);
        List<String> ids = new ArrayList<>(made.stream().map(m -> m.registration().id()).toList());
        ids.add(1, waiting.id());
        ids.add(elsewhere.id());
        ids.add(UUID.randomUUID().toString());

        LetterExport export = awaitFinished(requests.request(new LetterSelection(eventId, null, null, null, null, ids),
                PROTOCOL).id(), Duration.ofSeconds(60));
        assertEquals(LetterExport.State.READY, export.state(), export.reason());
        assertEquals(5, export.letters());
        assertEquals(3, export.skipped(), "no letter, another event's, unknown");
        try (PDDocument pdf = Loader.loadPDF(fetch(export).toFile())) {
            List<String> listed = new ArrayList<>();
            Matcher m = REFERENCE.matcher(text(pdf, 1, export.coverPages()));
            while (m.find()) {
                listed.add(m.group());
            }
            assertEquals(made.stream().map(ExportFixtures.Made::registration)
                    .sorted(Comparator.comparing(Registration::protocolKey))
                    .map(r -> r.letter().reference()).toList(), listed);
        }
    }

    @Test
    void anExportWithNothingToBindFailsWithTheReason() {
        String eventId = newEvent();
        ExportFixtures.withoutLetter(registrations, eventId);
        LetterExport export = awaitFinished(requests.request(new LetterSelection(eventId, null, null, null,
                RegistrationStatus.RECEIVED, List.of()), PROTOCOL).id(), Duration.ofSeconds(60));
        assertEquals(LetterExport.State.FAILED, export.state());
        assertTrue(export.reason().startsWith("no_letters"), export.reason());
    }
}
