package io.convoc.letterexport;

import io.convoc.aws.dynamo.LetterDownloadTable;
import io.convoc.aws.dynamo.LetterExportTable;
import io.convoc.aws.s3.S3ExportFiles;
import io.convoc.core.letters.LetterExporter;
import io.convoc.core.ports.ExportFiles;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterBinder;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.letters.ExportCover;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The export workflow of this function, configured from its environment. */
@Factory
public class LetterExportFactory {
    static final int FETCHERS = 8;

    @Singleton
    ExportFiles exportFiles(S3Client s3, @Value("${LETTERS_BUCKET}") String bucket) {
        return new S3ExportFiles(s3, bucket);
    }

    /** Letters wait in Lambda's /tmp (java.io.tmpdir) while they are read, then are bound from there. */
    @Singleton
    LetterBinder letterBinder() {
        return new PdfLetterBinder(ExportCover.shared(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Letters fetched from S3 eight at a time (daemon threads: a frozen or ending function is never held up). */
    @Singleton
    @Named("letterFetchers")
    ExecutorService letterFetchers() {
        return Executors.newFixedThreadPool(FETCHERS, r -> {
            Thread t = new Thread(r, "letter-fetcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The audit and the exports' state are built here rather than offered as beans: in the local run every function
     * shares one class path, and the api function offers them already.
     */
    @Singleton
    LetterExporter letterExporter(ProgrammeRepository programmes, RegistrationRepository registrations,
                                  DynamoDbClient dynamo, @Value("${LETTER_DOWNLOADS_TABLE}") String table,
                                  LetterArchive archive, LetterBinder binder, ExportFiles files, Clock clock,
                                  @Named("letterFetchers") ExecutorService fetchers) {
        return new LetterExporter(programmes, registrations, new LetterExportTable(dynamo, table), archive, binder,
                files, new LetterDownloadTable(dynamo, table), clock, fetchers);
    }
}
