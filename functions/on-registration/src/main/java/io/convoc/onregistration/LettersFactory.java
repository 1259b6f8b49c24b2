package io.convoc.onregistration;

import io.convoc.aws.dynamo.LetterReferenceCounter;
import io.convoc.core.letters.LetterService;
import io.convoc.core.letters.QrTokens;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterPrinter;
import io.convoc.core.ports.LetterReferences;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.letters.LetterRenderer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.convoc.core.notifications.LetterNotices;
import io.convoc.aws.sqs.NoticeMessages;
import io.convoc.aws.sqs.SqsNoticeQueues;
import io.convoc.core.ports.NoticeQueues;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.convoc.core.ports.NotificationRepository;

import java.time.Clock;

/** The letters workflow, the confirmation notices it leads to, and their adapters, for this function. */
@Factory
public class LettersFactory {

    /** The letters' QR tokens are signed with the current key of {@code LetterSigningSecret} (Ed25519). */
    @Singleton
    LetterService letterService(ProgrammeRepository programmes, RegistrationRepository registrations,
                                LetterReferences references, LetterArchive archive, LetterPrinter printer,
                                QrTokens tokens, @Value("${PUBLIC_API_URL}") String publicApiUrl, Clock clock) {
        return new LetterService(programmes, registrations, references, archive, printer, tokens, publicApiUrl, clock);
    }

    @Singleton
    LetterReferences letterReferences(DynamoDbClient dynamo, @Value("${EVENTS_TABLE}") String events,
                                      @Value("${REGISTRATION_LOOKUPS_TABLE}") String lookups) {
        return new LetterReferenceCounter(dynamo, events, lookups);
    }

    @Singleton
    NoticeQueues noticeQueues(SqsClient sqs, NoticeMessages messages, @Value("${EMAIL_QUEUE_URL}") String email,
                              @Value("${SMS_QUEUE_URL}") String sms) {
        return new SqsNoticeQueues(sqs, messages, email, sms);
    }

    @Singleton
    LetterNotices letterNotices(NotificationRepository notifications, NoticeQueues queues, Clock clock) {
        return new LetterNotices(notifications, queues, clock);
    }

    /** The PDFBox renderer, its time and the letters' size measured (LetterRenderTime, LetterBytes). */
    @Singleton
    LetterPrinter letterPrinter() {
        LetterPrinter renderer = LetterRenderer.shared();
        return request -> {
            long start = System.nanoTime();
            byte[] pdf = renderer.print(request);
            io.convoc.aws.metrics.Measurements.milliseconds("LetterRenderTime", (System.nanoTime() - start) / 1e6,
                    java.util.Map.of());
            io.convoc.aws.metrics.Measurements.bytes("LetterBytes", pdf.length, java.util.Map.of());
            return pdf;
        };
    }
}
