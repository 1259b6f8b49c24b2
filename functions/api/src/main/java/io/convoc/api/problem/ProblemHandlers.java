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
        return problems.of(request, 404, "unknown_event", FieldError.of("eventId", "unknown_event", e.eventId()));
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

    @Error(global = true)
    public HttpResponse<Problem> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return problems.of(request, 500, "internal", List.of(), null);
    }
}
