package io.convoc.api.problem;

import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.InvalidCursor;
import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every refusal of the API as problem+json: domain errors, API errors, and Micronaut's own (404, 405, 415). */
@Controller
public class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);
    private final Problems problems;

    public ProblemHandlers(Problems problems) {
        this.problems = problems;
    }

    @Error(global = true)
    public HttpResponse<Problem> invalid(HttpRequest<?> request, InvalidInput e) {
        return problems.of(request, 422, "invalid_input", e.errors(), null);
    }

    @Error(global = true)
    public HttpResponse<Problem> duplicate(HttpRequest<?> request, DuplicateRegistration e) {
        return problems.of(request, 409, "duplicate", List.of(FieldError.of("email", "duplicate")), e.existingId());
    }

    @Error(global = true)
    public HttpResponse<Problem> unknownEvent(HttpRequest<?> request, UnknownEvent e) {
        return problems.of(request, 404, "unknown_event", FieldError.of("eventId", "unknown_event",
                io.convoc.core.validation.TextRules.excerpt(e.eventId())));
    }

    @Error(global = true)
    public HttpResponse<Problem> cursor(HttpRequest<?> request, InvalidCursor e) {
        return problems.of(request, 400, "bad_request", FieldError.of("cursor", "invalid_cursor"));
    }

    @Error(global = true)
    public HttpResponse<Problem> api(HttpRequest<?> request, ApiException e) {
        return problems.of(request, e.status(), e.problem(), e.errors(), null);
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<Problem> notFound(HttpRequest<?> request) {
        return problems.of(request, 404, "not_found", List.of(), null);
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    public HttpResponse<Problem> methodNotAllowed(HttpRequest<?> request) {
        return problems.of(request, 405, "method_not_allowed", List.of(), null);
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    public HttpResponse<Problem> unsupported(HttpRequest<?> request) {
        return problems.of(request, 415, "unsupported_media_type",
                FieldError.of("Content-Type", "unsupported_media_type", String.valueOf(request.getContentType().orElse(null))));
    }

    @Error(global = true, status = HttpStatus.BAD_REQUEST)
    public HttpResponse<Problem> badRequest(HttpRequest<?> request) {
        return problems.of(request, 400, "bad_request", List.of(), null);
    }

    @Error(global = true, status = HttpStatus.NOT_ACCEPTABLE)
    public HttpResponse<Problem> notAcceptable(HttpRequest<?> request) {
        return problems.of(request, 406, "bad_request", List.of(), null);
    }

    /** Micronaut could not bind a parameter (an absent body, a value of the wrong type): the request's fault. */
    @Error(global = true)
    public HttpResponse<Problem> unbound(HttpRequest<?> request, io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException e) {
        String name = e.getArgument() == null ? "body" : e.getArgument().getName();
        return problems.of(request, 400, "bad_request", FieldError.of(
                io.convoc.core.validation.TextRules.excerpt(name), "required"));
    }

    @Error(global = true)
    public HttpResponse<Problem> conversion(HttpRequest<?> request, io.micronaut.core.convert.exceptions.ConversionErrorException e) {
        if (e.getArgument().getAnnotationMetadata().hasAnnotation(io.micronaut.http.annotation.Body.class)) {
            // an absent or empty body read as text: README promises 400 "body required"
            return problems.of(request, 400, "bad_request", FieldError.of("body", "body_required"));
        }
        return problems.of(request, 400, "bad_request", FieldError.of(
                io.convoc.core.validation.TextRules.excerpt(e.getArgument().getName()), "wrong_type",
                e.getArgument().getType().getSimpleName()));
    }

    /** Thrown by the proxy's form decoder (a body sent as a form, with a broken % escape). */
    private static boolean fromFormDecoding(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(4, stack.length); i++) {
            if (stack[i].getClassName().endsWith("QueryStringDecoder")) {
                return true;
            }
        }
        return false;
    }

    @Error(global = true)
    public HttpResponse<Problem> unexpected(HttpRequest<?> request, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the proxy's "no body" (ApiGatewayServletRequest.EmptyBodyException, not public): README promises 400
            if (t.getClass().getSimpleName().equals("EmptyBodyException")) {
                return problems.of(request, 400, "bad_request", FieldError.of("body", "body_required"));
            }
            if (t instanceof IllegalArgumentException && fromFormDecoding(t)) {
                // a body sent as a form (urlencoded or multipart) that Micronaut tried to decode: no route reads forms
                return problems.of(request, 415, "unsupported_media_type", FieldError.of("Content-Type",
                        "unsupported_media_type", request.getContentType().map(Object::toString).orElse("-")));
            }
            if (t instanceof io.micronaut.http.exceptions.HttpStatusException s && s.getStatus().getCode() < 500) {
                return problems.of(request, s.getStatus().getCode(), "bad_request", List.of(), null);
            }
        }
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return problems.of(request, 500, "internal", List.of(), null);
    }
}
