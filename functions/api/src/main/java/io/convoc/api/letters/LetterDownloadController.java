package io.convoc.api.letters;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;

import io.convoc.api.problem.ApiException;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.validation.FieldError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.util.List;

/**
 * The link an e-mail carries when its letter is too large to attach. The link lives for days (a signed,
 * expiring token); each use answers with a fresh S3 link that lives minutes, since a presigned URL dies
 * with the credentials that signed it.
 */
@Allowed(Role.PUBLIC)
@Controller("/api/public/letters")
public class LetterDownloadController {
    private final LetterTokens tokens;
    private final RegistrationRepository registrations;
    private final LetterLinks links;
    private final Clock clock;

    public LetterDownloadController(LetterTokens tokens, RegistrationRepository registrations, LetterLinks links,
                                    Clock clock) {
        this.tokens = tokens;
        this.registrations = registrations;
        this.links = links;
        this.clock = clock;
    }

    @Get("/{token}")
    public HttpResponse<?> download(@PathVariable String token) {
        var verified = tokens.verifyDownload(token, clock.instant()).orElseThrow(() ->
                new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
        var registration = registrations.find(verified.registrationId()).orElseThrow(() ->
                new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
        String key = "letters/" + registration.eventId() + "/" + registration.id() + "/v" + verified.version() + ".pdf";
        return HttpResponse.seeOther(links.to(key, "invitation-" + verified.version() + ".pdf").url());
    }
}
