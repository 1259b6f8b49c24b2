package io.convoc.emailsender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.sqs.NoticeDispatch;
import io.convoc.core.notifications.NoticeSender;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The e-mail queue → one e-mail per notice, through SES; partial batch failures for the ones to retry. */
public class EmailSenderHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    @Named("email")
    NoticeDispatch dispatch;

    @Inject
    @Named("email")
    NoticeSender sender;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return dispatch.handle(event, sender);
    }
}
