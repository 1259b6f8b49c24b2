package io.convoc.api.registrations;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;
import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.JsonBodies;
import io.convoc.api.problem.Problems;
import io.convoc.core.notifications.NoticeResend;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/registrations/{id}/resend} with {@code {"notice": "<notice id>"}}: an organizer sends again a
 * notice that FAILED or whose fate is UNKNOWN (202, the notice as it now stands, QUEUED); 409 for one that needs no
 * second try (delivered, on its way, suppressed…), 404 for a notice the registration does not have.
 */
@Controller("/api/registrations/{id}/resend")
public class NoticeResendController {
    private final NoticeResend resend;
    private final NotificationRepository notifications;
    private final JsonMapper json;

    public NoticeResendController(NoticeResend resend, NotificationRepository notifications, JsonMapper json) {
        this.resend = resend;
        this.notifications = notifications;
        this.json = json;
    }

    @Allowed(Role.ORGANIZER)
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<RegistrationView.NoticeView> resend(HttpRequest<?> request, @PathVariable String id,
                                                            @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        JsonNode root = JsonBodies.object(json, body, 4096);
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            if (!field.getKey().equals("notice")) {
                throw new ApiException(400, "bad_request", List.of(FieldError.of(TextRules.excerpt(field.getKey()),
                        "unknown_field")));
            }
        }
        JsonNode notice = root.get("notice");
        if (notice == null || !notice.isString() || notice.getStringValue().isBlank()) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("notice", "required")));
        }
        String noticeId = notice.getStringValue().strip();
        return switch (resend.resend(id, noticeId, Callers.of(request).userName())) {
            case QUEUED_AGAIN -> HttpResponse.accepted().body(RegistrationView.NoticeView.of(
                    notifications.find(id, noticeId).orElseThrow()));
            case NOT_RESENDABLE -> throw new ApiException(409, "not_resendable", List.of(FieldError.of("notice",
                    "not_resendable", notifications.find(id, noticeId).orElseThrow().status())));
            case UNKNOWN_NOTICE -> throw new ApiException(404, "unknown_notice", List.of(FieldError.of("notice",
                    "unknown_notice", TextRules.excerpt(noticeId))));
        };
    }
}
