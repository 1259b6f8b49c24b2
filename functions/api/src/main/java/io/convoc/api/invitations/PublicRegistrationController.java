package io.convoc.api.invitations;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;
import io.convoc.api.problem.Problem;
import io.convoc.api.problem.Problems;
import io.convoc.api.registrations.RegistrationJson;
import io.convoc.core.event.Language;
import io.convoc.core.invitations.SelfRegistration;
import io.convoc.core.invitations.TooManyRequests;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The public registration form, with an invitation code. Whether the address was new or already registered, the
 * answer is the same 202 with the same words: the e-mail that follows tells the owner of the address which it was.
 */
@Controller("/api/public/registrations")
public class PublicRegistrationController {
    private final SelfRegistration registrations;
    private final RegistrationJson json;
    private final Problems problems;

    public PublicRegistrationController(SelfRegistration registrations, RegistrationJson json, Problems problems) {
        this.registrations = registrations;
        this.json = json;
        this.problems = problems;
    }

    /** The same words for a new registration and for an address already registered. */
    @Serdeable
    public record Accepted(String status, String message, String messageAr) {
    }

    @Allowed(Role.PUBLIC)
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<Accepted> register(HttpRequest<?> request, @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        RegistrationJson.PublicForm form = json.readPublic(body);
        registrations.register(form.request(), form.code(), Callers.sourceIp(request));
        return HttpResponse.accepted().body(new Accepted("accepted",
                Messages.text(Language.FR, "registration.accepted"), Messages.text(Language.AR, "registration.accepted")));
    }

    @Error
    public HttpResponse<Problem> tooMany(HttpRequest<?> request, TooManyRequests e) {
        return problems.of(request, 429, "too_many_requests", FieldError.of(e.scope(), "rate_limited",
                String.valueOf(e.retryAfterSeconds()))).header("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
}
