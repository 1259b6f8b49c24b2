package io.convoc.api.letters;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;
import io.convoc.api.letters.LetterViews.ExportView;
import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.Problems;
import io.convoc.core.letters.LetterExport;
import io.convoc.core.letters.LetterExportRequests;
import io.convoc.core.validation.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.net.URI;
import java.util.List;

/**
 * Print-ready exports: a filter (or a list of registrations) → 202 and the export's address; the export function
 * makes one PDF (a cover listing the letters, then the letters in protocol order); its state, then a five-minute
 * link to the file once READY (for the one who asked).
 */
@Controller("/api/letters/exports")
public class LetterExportController {
    private final LetterExportRequests exports;
    private final ExportRequestJson json;
    private final LetterLinks links;

    public LetterExportController(LetterExportRequests exports, ExportRequestJson json, LetterLinks links) {
        this.exports = exports;
        this.json = json;
        this.links = links;
    }

    @Allowed({Role.PROTOCOL, Role.ORGANIZER})
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<ExportView> request(HttpRequest<?> request, @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        LetterExport export = exports.request(json.read(body), Requesters.of(request));
        return HttpResponse.<ExportView>status(HttpStatus.ACCEPTED)
                .header("Location", "/api/letters/exports/" + export.id())
                .body(ExportView.of(export, null));
    }

    /**
     * The export and where it stands. The link to the file goes to the one who asked for it only: the audit records
     * the letters bound as handed to that person, so nobody else gets them through this door.
     */
    @Allowed({Role.PROTOCOL, Role.ORGANIZER})
    @Get("/{exportId}")
    public HttpResponse<ExportView> get(HttpRequest<?> request, @PathVariable String exportId) {
        LetterExport export = exports.find(exportId).orElseThrow(() -> new ApiException(404, "unknown_export",
                List.of(FieldError.of("exportId", "unknown_export", exportId))));
        String caller = Callers.of(request).subject();
        boolean requester = caller != null && caller.equals(export.requestedBy().subject());
        LetterLinks.Link link = export.state() == LetterExport.State.READY && requester
                ? links.to(export.key(), export.key().substring(export.key().lastIndexOf('/') + 1)) : null;
        MutableHttpResponse<ExportView> response = HttpResponse.ok(ExportView.of(export, link))
                .header("Cache-Control", "no-store");
        return export.finished() ? response : response.header("Retry-After", "5");
    }
}
