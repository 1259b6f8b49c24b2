package io.convoc.deliveryfeedback;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.convoc.core.notifications.DeliveryFeedback;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** SES event publishing (configuration set → SNS topic) → the notices' delivery status. */
public class DeliveryFeedbackHandler extends MicronautRequestHandler<SNSEvent, Void> {
    @Inject
    SesEvents events;

    @Inject
    DeliveryFeedback feedback;

    @Override
    public Void execute(SNSEvent event) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            events.read(record.getSNS().getMessage()).ifPresent(report ->
                    events.apply(feedback, report));
        }
        return null;
    }
}
