package io.convoc.api.letters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.convoc.api.access.Caller;
import io.convoc.api.access.Callers;
import io.convoc.core.letters.Requester;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.Locale;

/**
 * Who asks, for the audit: the caller as the JWT authorizer established it ({@link Callers}), and where the request
 * came from as API Gateway saw it (the request context's source address and user agent, which a client cannot
 * forge the way it can an X-Forwarded-For header).
 */
final class Requesters {
    private static final int MAX_USER_AGENT = 512;

    private Requesters() {
    }

    static Requester of(HttpRequest<?> request) {
        Caller caller = Callers.of(request);
        String sourceIp = null;
        String userAgent = null;
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            sourceIp = event.getRequestContext().getHttp().getSourceIp();
            userAgent = event.getRequestContext().getHttp().getUserAgent();
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = request.getHeaders().get("User-Agent");
        }
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new Requester(caller.subject(), caller.userName(), caller.role().name().toLowerCase(Locale.ROOT),
                sourceIp, userAgent);
    }
}
