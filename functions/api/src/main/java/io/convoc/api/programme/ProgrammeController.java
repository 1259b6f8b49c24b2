package io.convoc.api.programme;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Role;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.Problem;
import io.convoc.api.problem.Problems;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.programme.ProgrammeEditor;
import io.convoc.core.programme.SessionAudience;
import io.convoc.core.programme.StaleSession;
import io.convoc.core.programme.UnknownSession;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's programme, as organizers edit it. Every write of a session names the version it edits in
 * {@code If-Match} (the ETag a read returned): a stale one gets 412 with the session as it now is. Cancelling is a
 * write with {@code "status":"CANCELLED"}; sessions are never deleted. The people an edit concerns hear of it after
 * the quiet window (on-programme-change).
 */
@Controller("/api/events/{eventId}")
public class ProgrammeController {
    private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"([1-9][0-9]{0,8})\"\\s*$");

    private final ProgrammeEditor editor;
    private final SessionJson json;
    private final Problems problems;
    private final SessionAudience audience;

    public ProgrammeController(ProgrammeEditor editor, SessionJson json, Problems problems, SessionAudience audience) {
        this.editor = editor;
        this.json = json;
        this.problems = problems;
        this.audience = audience;
    }

    /** Who an edit of the session will reach (the editor shows it before saving). */
    @Allowed(Role.ORGANIZER)
    @Get("/sessions/{sessionId}/audience")
    public SessionAudienceView audience(@PathVariable String eventId, @PathVariable String sessionId) {
        ProgrammeSession s = editor.programme(eventId).session(sessionId)
                .orElseThrow(() -> new UnknownSession(eventId, sessionId));
        SessionAudience.Count count = audience.of(eventId, s);
        return new SessionAudienceView(s.id(), s.kind().name(), count.people(), count.withMobile());
    }

    @io.micronaut.serde.annotation.Serdeable
    public record SessionAudienceView(String sessionId, String kind, int people, int withMobile) {
    }

    @Allowed({Role.ORGANIZER, Role.PROTOCOL})
    @Get("/programme")
    public ProgrammeView programme(@PathVariable String eventId) {
        return ProgrammeView.of(editor.programme(eventId));
    }

    @Allowed({Role.ORGANIZER, Role.PROTOCOL})
    @Get("/sessions/{sessionId}")
    public HttpResponse<SessionView> session(@PathVariable String eventId, @PathVariable String sessionId) {
        ProgrammeSession s = editor.programme(eventId).session(sessionId)
                .orElseThrow(() -> new UnknownSession(eventId, sessionId));
        return HttpResponse.ok(SessionView.of(s)).header("ETag", SessionView.etag(s));
    }

    @Allowed(Role.ORGANIZER)
    @Post("/sessions")
    @Consumes(MediaType.ALL)
    public HttpResponse<SessionView> add(HttpRequest<?> request, @PathVariable String eventId,
                                         @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        ProgrammeSession s = editor.add(eventId, json.read(body));
        return HttpResponse.created(SessionView.of(s), URI.create("/api/events/" + eventId + "/sessions/" + s.id()))
                .header("ETag", SessionView.etag(s));
    }

    @Allowed(Role.ORGANIZER)
    @Put("/sessions/{sessionId}")
    @Consumes(MediaType.ALL)
    public HttpResponse<SessionView> update(HttpRequest<?> request, @PathVariable String eventId,
                                            @PathVariable String sessionId,
                                            @Nullable @Header("If-Match") String ifMatch,
                                            @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        Matcher m = ifMatch == null ? null : ETAG.matcher(ifMatch);
        if (m == null || !m.matches()) {
            throw new ApiException(428, "precondition_required", List.of(FieldError.of("If-Match", "if_match_required")));
        }
        ProgrammeSession s = editor.update(eventId, sessionId, Integer.parseInt(m.group(1)), json.read(body));
        return HttpResponse.ok(SessionView.of(s)).header("ETag", SessionView.etag(s));
    }

    @Error
    public HttpResponse<SessionConflict> stale(HttpRequest<?> request, StaleSession e) {
        Language language = Problems.languageOf(request);
        FieldError error = FieldError.of("If-Match", "stale_version", e.current().version());
        Problem.FieldProblem field = new Problem.FieldProblem(error.field(), error.code(), Messages.error(language, error));
        return HttpResponse.<SessionConflict>status(HttpStatus.PRECONDITION_FAILED)
                .contentType(Problems.PROBLEM_JSON)
                .header("ETag", SessionView.etag(e.current()))
                .body(new SessionConflict(Problems.TYPE_BASE + "stale_version",
                        Messages.text(language, "problem.stale_version"), 412, field.message(), List.of(field),
                        SessionView.of(e.current())));
    }

    @Error
    public HttpResponse<Problem> unknownSession(HttpRequest<?> request, UnknownSession e) {
        return problems.of(request, 404, "unknown_session", FieldError.of("sessionId", "unknown_session",
                io.convoc.core.validation.TextRules.excerpt(e.sessionId())));
    }
}
