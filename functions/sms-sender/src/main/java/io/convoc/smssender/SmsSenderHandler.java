package io.convoc.smssender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.convoc.aws.sqs.NoticeDispatch;
import io.convoc.core.notifications.NoticeSender;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The SMS queue → the SMS of each notice, through SNS; partial batch failures for the ones to retry. */
public class SmsSenderHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    @Named("sms")
    NoticeDispatch dispatch;

    @Inject
    @Named("sms")
    NoticeSender sender;

    /** As Lambda creates it: configured from the function's environment. */
    public SmsSenderHandler() {
        super();
    }

    /** On a context built otherwise (tests: settings other than the environment's, such as the short link domain). */
    public SmsSenderHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return dispatch.handle(event, sender);
    }
}
