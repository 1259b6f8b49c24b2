package io.convoc.api.announcements;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Caller;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.Problem;
import io.convoc.api.problem.Problems;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementConflict;
import io.convoc.core.announcements.Announcements;
import io.convoc.core.announcements.UnknownAnnouncement;
import io.convoc.core.ports.Page;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.net.URI;
import java.util.List;

/**
 * Organizers' announcements: drafted ({@code POST}), previewed, sent now or scheduled, cancelled, and followed
 * (state and counters). Sending is asynchronous: {@code send} answers 202 and the counters move as the notices go.
 */
@Controller("/api/announcements")
public class AnnouncementController {
    static final int MAX_PAGE = 100;

    private final Announcements announcements;
    private final AnnouncementPreview previews;
    private final AnnouncementJson json;
    private final Problems problems;
    private final String shortLinkBase;

    public AnnouncementController(Announcements announcements, AnnouncementPreview previews, AnnouncementJson json,
                                  Problems problems, @Value("${SHORT_LINK_BASE_URL:}") String shortLinkBase) {
        this.announcements = announcements;
        this.previews = previews;
        this.json = json;
        this.problems = problems;
        this.shortLinkBase = shortLinkBase;
    }

    @Allowed(Role.ORGANIZER)
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<AnnouncementView> draft(HttpRequest<?> request, @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        Announcement a = announcements.draft(json.read(body), who(request));
        return HttpResponse.created(AnnouncementView.of(a), URI.create("/api/announcements/" + a.id()));
    }

    @Allowed(Role.ORGANIZER)
    @Get
    public AnnouncementPage list(@QueryValue @Nullable String eventId, @QueryValue @Nullable String cursor,
                                 @QueryValue @Nullable String limit) {
        int size = 20;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "bad_request", List.of(FieldError.of("limit", "wrong_type", "integer")));
            }
            if (size < 1 || size > MAX_PAGE) {
                throw new ApiException(400, "bad_request", List.of(FieldError.of("limit", "out_of_range", 1, MAX_PAGE)));
            }
        }
        Page<Announcement> page = announcements.list(eventId == null || eventId.isBlank() ? null : eventId.strip(),
                cursor, size);
        return new AnnouncementPage(page.items().stream().map(AnnouncementView::of).toList(), page.nextCursor());
    }

    @Allowed(Role.ORGANIZER)
    @Get("/{id}")
    public AnnouncementView find(@PathVariable String id) {
        return AnnouncementView.of(announcements.find(id));
    }

    /**
     * The e-mail and SMS of a sample recipient in each language, and over the audience: recipients per channel,
     * those left out, SMS parts, and how long the send takes at the configured rates.
     */
    @Allowed(Role.ORGANIZER)
    @Get("/{id}/preview")
    public AnnouncementPreview.View preview(HttpRequest<?> request, @PathVariable String id) {
        // the SMS links' length is the short links' base: configured, or this API's own address
        String base = !shortLinkBase.isBlank() ? shortLinkBase
                : "https://" + request.getHeaders().get("Host", String.class).orElse("localhost");
        return previews.of(announcements.find(id), base);
    }

    /** Now (no body), or at {@code {"scheduledFor": "2026-12-02T09:00:00+01:00"}}, up to 7 days ahead. */
    @Allowed(Role.ORGANIZER)
    @Post("/{id}/send")
    @Consumes(MediaType.ALL)
    public HttpResponse<AnnouncementView> send(HttpRequest<?> request, @PathVariable String id) {
        String body = optionalBody(request);
        if (body != null && !body.isBlank()) {
            Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        }
        Announcement a = announcements.send(id, json.scheduledFor(body).orElse(null));
        return HttpResponse.accepted().body(AnnouncementView.of(a));
    }

    @Allowed(Role.ORGANIZER)
    @Post("/{id}/cancel")
    @Consumes(MediaType.ALL)
    public AnnouncementView cancel(HttpRequest<?> request, @PathVariable String id) {
        return AnnouncementView.of(announcements.cancel(id, who(request)));
    }

    @Error
    public HttpResponse<Problem> unknown(HttpRequest<?> request, UnknownAnnouncement e) {
        return problems.of(request, 404, "unknown_announcement",
                FieldError.of("id", "unknown_announcement", TextRules.excerpt(String.valueOf(e.id()))));
    }

    @Error
    public HttpResponse<Problem> conflict(HttpRequest<?> request, AnnouncementConflict e) {
        return problems.of(request, 409, "announcement_state", FieldError.of("state",
                "announcement_" + e.action() + "_refused", e.current().state()));
    }

    /** The body of a request that may have none ("send now" is a POST without one). */
    private static String optionalBody(HttpRequest<?> request) {
        try {
            return request.getBody(String.class).orElse(null);
        } catch (RuntimeException e) {
            // the proxy's "no body" (ApiGatewayServletRequest.EmptyBodyException, not public), maybe wrapped
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getClass().getSimpleName().equals("EmptyBodyException")) {
                    return null;
                }
            }
            throw e;
        }
    }

    private static String who(HttpRequest<?> request) {
        Caller caller = Callers.of(request);
        return caller.userName() != null ? caller.userName() : caller.subject();
    }
}
