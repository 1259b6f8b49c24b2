package io.convoc.api.letters;

import io.convoc.aws.dynamo.LetterDownloadTable;
import io.convoc.aws.dynamo.LetterExportTable;
import io.convoc.aws.sqs.SqsLetterExportQueue;
import io.convoc.core.letters.LetterDesk;
import io.convoc.core.letters.LetterExportRequests;
import io.convoc.core.ports.LetterDownloadLog;
import io.convoc.core.ports.LetterExportQueue;
import io.convoc.core.ports.LetterExportRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.RegistrationService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** The protocol office's letters: the downloads audit, exports and their queue, from the api's environment. */
@Factory
public class ProtocolLettersFactory {

    @Singleton
    LetterDownloadLog letterDownloadLog(DynamoDbClient dynamo, @Value("${LETTER_DOWNLOADS_TABLE}") String table) {
        return new LetterDownloadTable(dynamo, table);
    }

    @Singleton
    LetterExportRepository letterExports(DynamoDbClient dynamo, @Value("${LETTER_DOWNLOADS_TABLE}") String table) {
        return new LetterExportTable(dynamo, table);
    }

    @Singleton
    LetterExportQueue letterExportQueue(SqsClient sqs, JsonMapper json,
                                        @Value("${LETTER_EXPORTS_QUEUE_URL}") String queueUrl) {
        return new SqsLetterExportQueue(sqs, json, queueUrl);
    }

    @Singleton
    LetterDesk letterDesk(RegistrationService registrations, RegistrationRepository repository, LetterDownloadLog log,
                          Clock clock) {
        return new LetterDesk(registrations, repository, log, clock);
    }

    @Singleton
    LetterExportRequests letterExportRequests(ProgrammeRepository programmes, LetterExportRepository exports,
                                              LetterExportQueue queue, Clock clock) {
        return new LetterExportRequests(programmes, exports, queue, clock);
    }
}
