package io.convoc.onregistration;

import io.convoc.aws.dynamo.LetterReferenceCounter;
import io.convoc.aws.s3.S3LetterArchive;
import io.convoc.core.letters.LetterService;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterPrinter;
import io.convoc.core.ports.LetterReferences;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/** The letters workflow and its adapters, for this function. */
@Factory
public class LettersFactory {

    @Singleton
    LetterService letterService(ProgrammeRepository programmes, RegistrationRepository registrations,
                                LetterReferences references, LetterArchive archive, LetterPrinter printer,
                                LetterTokens tokens, @Value("${PUBLIC_API_URL}") String publicApiUrl, Clock clock) {
        return new LetterService(programmes, registrations, references, archive, printer, tokens, publicApiUrl, clock);
    }

    @Singleton
    LetterReferences letterReferences(DynamoDbClient dynamo, @Value("${EVENTS_TABLE}") String events,
                                      @Value("${REGISTRATION_LOOKUPS_TABLE}") String lookups) {
        return new LetterReferenceCounter(dynamo, events, lookups);
    }

    @Singleton
    LetterArchive letterArchive(S3Client s3, @Value("${LETTERS_BUCKET}") String bucket) {
        return new S3LetterArchive(s3, bucket);
    }

    @Singleton
    LetterPrinter letterPrinter() {
        return new PdfLetterPrinter();
    }
}
