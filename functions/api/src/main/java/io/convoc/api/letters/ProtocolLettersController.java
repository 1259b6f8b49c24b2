package io.convoc.api.letters;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;
import io.convoc.api.letters.LetterViews.DownloadPage;
import io.convoc.api.letters.LetterViews.DownloadView;
import io.convoc.api.letters.LetterViews.LetterPage;
import io.convoc.api.letters.LetterViews.LetterView;
import io.convoc.api.letters.LetterViews.LinkView;
import io.convoc.api.problem.ApiException;
import io.convoc.core.letters.LetterDesk;
import io.convoc.core.letters.LetterDownload;
import io.convoc.core.letters.LetterNotReady;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.core.validation.Choices;
import io.convoc.core.validation.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/**
 * The protocol office's letters: an event's letters in protocol order (no contact data), each letter's current
 * version through a five-minute link, every download recorded before the link is given, and the record read back.
 */
@Controller("/api/letters")
public class ProtocolLettersController {
    /**
     * A registration id (a UUID: hexadecimal digits and hyphens), so that these routes never take a download token
     * (it has dots) nor a word of a sibling route ({@code downloads}, {@code exports}). Micronaut's URI templates take
     * no counted repetition inside a variable's pattern.
     */
    static final String ID = "{registrationId:[0-9a-fA-F-]+}";
    private static final int DEFAULT_PAGE = 50;

    private final LetterDesk desk;
    private final LetterLinks links;

    public ProtocolLettersController(LetterDesk desk, LetterLinks links) {
        this.desk = desk;
        this.links = links;
    }

    @Allowed({Role.PROTOCOL, Role.ORGANIZER})
    @Get
    public LetterPage list(@QueryValue @Nullable String eventId, @QueryValue @Nullable String category,
                           @QueryValue @Nullable String region, @QueryValue @Nullable String workshop,
                           @QueryValue @Nullable String status, @QueryValue @Nullable String cursor,
                           @QueryValue @Nullable String limit) {
        RegistrationQuery query = new RegistrationQuery(choice(Category.class, "category", category),
                workshop == null || workshop.isBlank() ? null : workshop.strip(),
                choice(Region.class, "region", region), choice(RegistrationStatus.class, "status", status));
        Page<LetterDesk.Listed> page = desk.list(eventId, query, cursor, size(limit));
        return new LetterPage(page.items().stream().map(LetterView::of).toList(), page.nextCursor());
    }

    /**
     * 303 to the current version (a five-minute link), recorded in the audit first; 409 while there is none. With
     * {@code as=link}, the same link as JSON ({@code {"url", "expiresAt", "reference", "version"}}, 200) for a
     * browser, which can neither send its token along a plain link nor follow a redirect to another origin; with
     * {@code disposition=inline} the link shows the letter in the browser instead of saving it. Audited once
     * either way.
     */
    @Allowed({Role.PROTOCOL, Role.ORGANIZER})
    @Get("/" + ID)
    public HttpResponse<?> download(HttpRequest<?> request, @PathVariable String registrationId,
                                    @QueryValue("as") @Nullable String as, @QueryValue @Nullable String disposition) {
        boolean json = oneOf("as", as, "redirect", "link").equals("link");
        boolean inline = oneOf("disposition", disposition, "attachment", "inline").equals("inline");
        LetterDesk.Granted granted;
        try {
            granted = desk.download(registrationId, Requesters.of(request)).orElseThrow(() -> unknown(registrationId));
        } catch (LetterNotReady e) {
            FieldError why = e.status() == RegistrationStatus.LETTER_FAILED
                    ? FieldError.of("status", "letter_failed", e.reason() == null ? "-" : e.reason())
                    : FieldError.of("status", "letter_not_ready");
            throw new ApiException(409, "letter_not_ready", List.of(why));
        }
        String filename = granted.letter().reference().replaceAll("[^A-Za-z0-9_-]+", "-") + "-v"
                + granted.letter().version() + ".pdf";
        LetterLinks.Link link = inline ? links.inline(granted.letter().key(), filename)
                : links.to(granted.letter().key(), filename);
        if (json) {
            return HttpResponse.ok(new LinkView(link.url().toString(), link.expires().toString(),
                    granted.letter().reference(), granted.letter().version())).header("Cache-Control", "no-store");
        }
        return HttpResponse.seeOther(link.url()).header("Cache-Control", "no-store");
    }

    /** The typed value of an optional parameter among {@code values} (the first one when absent), or 400. */
    private static String oneOf(String field, String typed, String... values) {
        if (typed == null || typed.isBlank()) {
            return values[0];
        }
        for (String value : values) {
            if (value.equalsIgnoreCase(typed.strip())) {
                return value;
            }
        }
        throw new ApiException(400, "bad_request", List.of(FieldError.of(field, "unknown_value", typed)));
    }

    @Allowed({Role.PROTOCOL, Role.ORGANIZER})
    @Get("/" + ID + "/downloads")
    public DownloadPage downloads(@PathVariable String registrationId, @QueryValue @Nullable String cursor,
                                  @QueryValue @Nullable String limit) {
        Page<LetterDownload> page = desk.downloadsOf(registrationId, cursor, size(limit))
                .orElseThrow(() -> unknown(registrationId));
        return new DownloadPage(page.items().stream().map(DownloadView::of).toList(), page.nextCursor());
    }

    /** What one user (the token's subject) downloaded and exported, newest first: the organizers' audit. */
    @Allowed(Role.ORGANIZER)
    @Get("/downloads")
    public DownloadPage downloadsBy(@QueryValue @Nullable String user, @QueryValue @Nullable String cursor,
                                    @QueryValue @Nullable String limit) {
        Page<LetterDownload> page = desk.downloadsBy(user, cursor, size(limit));
        return new DownloadPage(page.items().stream().map(DownloadView::of).toList(), page.nextCursor());
    }

    private static ApiException unknown(String registrationId) {
        return new ApiException(404, "unknown_registration",
                List.of(FieldError.of("registrationId", "unknown_registration", registrationId)));
    }

    static <E extends Enum<E>> E choice(Class<E> type, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return Choices.parse(type, typed).orElseThrow(() -> new ApiException(400, "bad_request",
                List.of(FieldError.of(field, "unknown_value", typed))));
    }

    private static int size(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("limit", "wrong_type", "integer")));
        }
    }
}
