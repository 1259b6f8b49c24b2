package io.convoc.api.letters;

import io.convoc.api.problem.ApiException;
import io.convoc.core.event.Bilingual;
import io.convoc.core.letters.LetterCheck;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The check-in desk's question: is this letter genuine, whose is it, and is it the current version? */
@Controller("/api/verify")
public class LetterVerificationController {
    private final LetterCheck letters;

    public LetterVerificationController(LetterCheck letters) {
        this.letters = letters;
    }

    @Serdeable
    public record Verification(boolean genuine, boolean current, String registrationId, String eventId,
                               @Nullable String reference, int scannedVersion, int currentVersion,
                               @Nullable Bilingual civility, String latinName, String arabicName, Bilingual category,
                               String status) {
    }

    @Get("/{token}")
    public Verification verify(@PathVariable String token) {
        return letters.check(token).map(c -> {
            var r = c.registration();
            return new Verification(true, c.current(), r.id(), r.eventId(), c.reference(), c.scannedVersion(),
                    c.currentVersion(), r.civility() == null ? null : Messages.labels(r.civility()), r.name().latin(),
                    r.name().arabicName(), Messages.labels(r.category()), r.status().name());
        }).orElseThrow(() -> new ApiException(404, "invalid_token", List.of(FieldError.of("token", "invalid_token"))));
    }

}
