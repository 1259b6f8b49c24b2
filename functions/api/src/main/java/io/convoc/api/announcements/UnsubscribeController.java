package io.convoc.api.announcements;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.core.event.Language;
import io.convoc.core.letters.LetterTokens;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Registration;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The unsubscribe link of announcement e-mails ({@code List-Unsubscribe}, RFC 8058) and of announcement SMS (their
 * stop line, a short link here), public: its signed token names the registration and, signed but not written, the
 * address the e-mail or the number the SMS went to.
 * <ul>
 * <li>{@code GET} (a person following the link, or a mail scanner checking it) changes nothing: a page in French and
 * Arabic with a button that POSTs;</li>
 * <li>{@code POST} (that button, or a mail client's one-click unsubscribe, whose body is
 * {@code List-Unsubscribe=One-Click}, form-encoded or multipart; an empty body too) stops announcements to the
 * address, and only them: confirmations and programme changes still reach it. Done twice, it is done once.</li>
 * </ul>
 * A tampered or expired token, or one whose registration is gone or has another address now, is a 404 naming
 * {@code token}. Nothing is redirected (RFC 8058 forbids it for the POST), nothing cached, no referrer sent.
 */
@Allowed(Role.PUBLIC)
@Controller("/api/public/unsubscribe")
public class UnsubscribeController {
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private static final MediaType TEXT = MediaType.of("text/plain;charset=utf-8");

    private final LetterTokens tokens;
    private final RegistrationRepository registrations;
    private final SuppressionList suppressions;
    private final Clock clock;

    public UnsubscribeController(LetterTokens tokens, RegistrationRepository registrations,
                                 SuppressionList suppressions, Clock clock) {
        this.tokens = tokens;
        this.registrations = registrations;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Get(value = "/{token}", produces = {"text/html", MediaType.APPLICATION_JSON})
    public HttpResponse<String> confirm(@PathVariable String token) {
        address(token);
        return page(UnsubscribePage.question(), HTML);
    }

    @Post(value = "/{token}", produces = {"text/html", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Consumes(MediaType.ALL)
    public HttpResponse<String> unsubscribe(HttpRequest<?> request, @PathVariable String token) {
        // the body is not read: whatever a client sends (the one-click form field, form-encoded or multipart, or
        // nothing), the signed token alone says what to do
        String address = address(token);
        suppressions.optOutOfAnnouncements(address, clock.instant());
        // the page's button (a browser) gets a page; a mail client's one-click gets a line of text
        boolean browser = request.getHeaders().accept().stream().anyMatch(t -> t.getName().equals("text/html"));
        return browser ? page(UnsubscribePage.done(), HTML)
                : page(Messages.text(Language.FR, "unsubscribe.done") + "\n"
                + Messages.text(Language.AR, "unsubscribe.done") + "\n", TEXT);
    }

    /**
     * The address a genuine, unexpired token opts out, as its registration has it now: the e-mail address (the link of
     * an announcement e-mail) or the mobile number (the stop link of an announcement SMS).
     */
    private String address(String token) {
        Instant now = clock.instant();
        return tokens.verifyUnsubscribe(token, id -> registrations.find(id).map(Registration::email), now)
                .or(() -> tokens.verifyUnsubscribe(token,
                        id -> registrations.find(id).flatMap(Registration::mobileNumber), now))
                .orElseThrow(() -> new ApiException(404, "invalid_unsubscribe_link",
                        List.of(FieldError.of("token", "invalid_unsubscribe_link"))));
    }

    private static MutableHttpResponse<String> page(String content, MediaType type) {
        return HttpResponse.ok(content).contentType(type)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("X-Content-Type-Options", "nosniff")
                // the page's only action is its own form; no script, no outside resource
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    }
}
