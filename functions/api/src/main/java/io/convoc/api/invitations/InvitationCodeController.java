package io.convoc.api.invitations;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
import io.convoc.api.problem.Problems;
import io.convoc.core.event.Bilingual;
import io.convoc.core.invitations.InvitationCode;
import io.convoc.core.invitations.InvitationCodeDraft;
import io.convoc.core.invitations.InvitationCodes;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Organizers' invitation codes for an event: one per delegation, given to its members for the public form. */
@Controller("/api/events/{eventId}/invitation-codes")
public class InvitationCodeController {
    static final int MAX_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("delegation", "category", "region", "maxUses", "expiresAt");
    private final InvitationCodes codes;
    private final JsonMapper json;

    public InvitationCodeController(InvitationCodes codes, JsonMapper json) {
        this.codes = codes;
        this.json = json;
    }

    @Serdeable
    public record CodeView(String code, String delegation, String category, Bilingual categoryLabel,
                           @Nullable String region, int maxUses, int uses, String expiresAt, String createdBy,
                           String createdAt) {
        static CodeView of(InvitationCode c) {
            return new CodeView(c.code(), c.delegation(), c.category().name(), Messages.labels(c.category()),
                    c.region() == null ? null : c.region().name(), c.maxUses(), c.uses(), c.expiresAt().toString(),
                    c.createdBy(), c.createdAt().toString());
        }
    }

    @Allowed(Role.ORGANIZER)
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<CodeView> create(HttpRequest<?> request, @PathVariable String eventId,
                                         @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        Map<String, String> fields = read(body);
        InvitationCode code = codes.create(eventId, new InvitationCodeDraft(fields.get("delegation"),
                fields.get("category"), fields.get("region"), fields.get("maxUses"), fields.get("expiresAt")),
                Callers.of(request).userName());
        return HttpResponse.created(CodeView.of(code),
                URI.create("/api/events/" + eventId + "/invitation-codes/" + code.code()));
    }

    @Allowed(Role.ORGANIZER)
    @Get
    public List<CodeView> list(@PathVariable String eventId) {
        return codes.list(eventId).stream().map(CodeView::of).toList();
    }

    /** A flat JSON object of the fields above (numbers accepted for maxUses); anything else is named and refused. */
    private Map<String, String> read(String body) {
        JsonNode root = JsonBodies.object(json, body, MAX_BYTES);
        Map<String, String> out = new HashMap<>();
        List<FieldError> errors = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.entries()) {
            if (!FIELDS.contains(e.getKey())) {
                errors.add(FieldError.of(io.convoc.core.validation.TextRules.excerpt(e.getKey()), "unknown_field"));
            } else if (e.getValue().isString() || e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().coerceStringValue());
            } else if (!e.getValue().isNull()) {
                errors.add(FieldError.of(e.getKey(), "wrong_type", "string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "bad_request", errors);
        }
        return out;
    }
}
