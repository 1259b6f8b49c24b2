package io.convoc.api.letters;

import io.convoc.api.problem.ApiException;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.validation.FieldError;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The link an e-mail carries when its letter is too large to attach. The link lives for days (a signed,
 * expiring token); each use answers with a fresh S3 link that lives minutes, since a presigned URL dies
 * with the credentials that signed it.
 */
@Controller("/api/letters")
public class LetterDownloadController {
    private static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    private final LetterTokens tokens;
    private final RegistrationRepository registrations;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    public LetterDownloadController(LetterTokens tokens, RegistrationRepository registrations, S3Presigner presigner,
                                    @Value("${LETTERS_BUCKET}") String bucket, Clock clock) {
        this.tokens = tokens;
        this.registrations = registrations;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Get("/{token}")
    public HttpResponse<?> download(@PathVariable String token) {
        var verified = tokens.verifyDownload(token, clock.instant()).orElseThrow(() ->
                new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
        var registration = registrations.find(verified.registrationId()).orElseThrow(() ->
                new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
        String key = "letters/" + registration.eventId() + "/" + registration.id() + "/v" + verified.version() + ".pdf";
        URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(LINK_LIFETIME)
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentDisposition("attachment; filename=\"invitation-" + verified.version() + ".pdf\"")))
                .url().toString());
        return HttpResponse.seeOther(url);
    }
}
