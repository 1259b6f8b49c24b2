package io.convoc.onprogrammechange;

import io.convoc.aws.sqs.SqsProgrammeChangeQueue;
import io.convoc.core.ports.ProgrammeChangeLog;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.programme.ScheduleChanges;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/** The programme changes workflow and its queue, configured from the function's environment. */
@Factory
public class ScheduleChangesFactory {

    @Singleton
    SqsProgrammeChangeQueue programmeChangeQueue(SqsClient sqs, JsonMapper json,
                                                 @Value("${PROGRAMME_CHANGES_QUEUE_URL}") String queueUrl) {
        return new SqsProgrammeChangeQueue(sqs, json, queueUrl);
    }

    @Singleton
    ScheduleChanges scheduleChanges(ProgrammeRepository programmes, ProgrammeChangeLog log,
                                    SqsProgrammeChangeQueue queue, RegistrationRepository registrations,
                                    @Value("${QUIET_WINDOW_SECONDS}") int quietWindowSeconds, Clock clock) {
        return new ScheduleChanges(programmes, log, queue, registrations, Duration.ofSeconds(quietWindowSeconds), clock);
    }
}
