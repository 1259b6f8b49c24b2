package io.convoc.api.problem;

import io.convoc.core.event.Language;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.util.List;

/** Builds {@code application/problem+json} answers, in the caller's language (Accept-Language: ar or fr). */
@Singleton
public class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    public static final String TYPE_BASE = "https://convoc.io/problems/";

    public MutableHttpResponse<Problem> of(HttpRequest<?> request, int status, String problem, List<FieldError> errors,
                                    String existingId) {
        Language language = languageOf(request);
        List<Problem.FieldProblem> fields = errors == null || errors.isEmpty() ? null : errors.stream()
                .map(e -> new Problem.FieldProblem(e.field(), e.code(), Messages.error(language, e)))
                .toList();
        Problem body = new Problem(TYPE_BASE + problem, Messages.text(language, "problem." + problem), status,
                fields == null ? null : fields.get(0).message(), fields, existingId);
        return HttpResponse.<Problem>status(HttpStatus.valueOf(status)).contentType(PROBLEM_JSON).body(body);
    }

    public MutableHttpResponse<Problem> of(HttpRequest<?> request, int status, String problem, FieldError error) {
        return of(request, status, problem, List.of(error), null);
    }

    /** Refuses a body of another media type than the route reads, with 415 naming the one sent. */
    public static void requireMediaType(HttpRequest<?> request, MediaType expected) {
        MediaType actual = request.getContentType().orElse(null);
        if (actual == null || !actual.getName().equalsIgnoreCase(expected.getName())) {
            throw new ApiException(415, "unsupported_media_type", List.of(FieldError.of("Content-Type",
                    "unsupported_media_type", actual == null ? "-" : actual.getName())));
        }
    }

    public static Language languageOf(HttpRequest<?> request) {
        String accept = request == null ? null : request.getHeaders().get("Accept-Language");
        return accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("ar")
                ? Language.AR : Language.FR;
    }
}
