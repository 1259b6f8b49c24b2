package io.convoc.api.registrations;

import io.convoc.api.access.Allowed;
import io.convoc.api.access.Caller;
import io.convoc.api.access.Callers;
import io.convoc.api.access.Role;

import io.convoc.api.problem.ApiException;
import io.convoc.api.problem.Problems;
import io.convoc.core.imports.RegistrationImport;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.validation.Choices;
import io.convoc.core.validation.FieldError;
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
import io.micronaut.http.annotation.QueryValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Registrations: the form's submissions, organizers' imports, and the listings. */
@Controller("/api/registrations")
public class RegistrationController {
    public static final int MAX_CSV_BYTES = 4 * 1024 * 1024;

    private final RegistrationService registrations;
    private final RegistrationImport imports;
    private final RegistrationJson json;
    private final NotificationRepository notifications;

    public RegistrationController(RegistrationService registrations, RegistrationImport imports,
                                  RegistrationJson json, NotificationRepository notifications) {
        this.registrations = registrations;
        this.notifications = notifications;
        this.imports = imports;
        this.json = json;
    }

    @Allowed(Role.ORGANIZER)
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<RegistrationView> register(HttpRequest<?> request, @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.APPLICATION_JSON_TYPE);
        Registration created = registrations.register(json.read(body), RegistrationSource.FORM);
        return HttpResponse.created(RegistrationView.of(created), URI.create("/api/registrations/" + created.id()));
    }

    @Allowed({Role.ORGANIZER, Role.PROTOCOL})
    @Get("/{id}")
    public HttpResponse<RegistrationView> get(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = Callers.of(request);
        return registrations.find(id).map(r -> HttpResponse.ok(RegistrationView.of(r, notifications.listFor(r.id()))
                        .seenBy(caller)))
                .orElseGet(HttpResponse::notFound);
    }

    @Allowed({Role.ORGANIZER, Role.PROTOCOL})
    @Get
    public RegistrationPage list(HttpRequest<?> request, @QueryValue @Nullable String eventId, @QueryValue @Nullable String category,
                                 @QueryValue @Nullable String workshop, @QueryValue @Nullable String region,
                                 @QueryValue @Nullable String status, @QueryValue @Nullable String include,
                                 @QueryValue @Nullable String cursor, @QueryValue @Nullable String limit) {
        Category wanted = choice(Category.class, "category", category);
        Region inRegion = choice(Region.class, "region", region);
        RegistrationStatus withStatus = choice(RegistrationStatus.class, "status", status);
        boolean notices = include != null && !include.isBlank();
        if (notices && !include.strip().equals("notices")) {
            throw new ApiException(400, "bad_request", List.of(FieldError.of("include", "unknown_value",
                    io.convoc.core.validation.TextRules.excerpt(include))));
        }
        int size = 50;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "bad_request", List.of(FieldError.of("limit", "wrong_type", "integer")));
            }
        }
        Page<Registration> page = registrations.list(eventId, new RegistrationQuery(wanted,
                workshop == null || workshop.isBlank() ? null : workshop.strip(), inRegion, withStatus), cursor, size);
        Caller caller = Callers.of(request);
        // include=notices: each person's notices with the page (the console's list shows where each stands)
        return new RegistrationPage(page.items().stream().map(r -> (notices
                        ? RegistrationView.of(r, notifications.listFor(r.id())) : RegistrationView.of(r)).seenBy(caller))
                .toList(), page.nextCursor());
    }

    /** A filter's value: one of the enum's codes (or a label, as imports accept), or 400 naming the parameter. */
    private static <E extends Enum<E>> E choice(Class<E> type, String parameter, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Choices.parse(type, value).orElseThrow(() -> new ApiException(400, "bad_request",
                List.of(FieldError.of(parameter, "unknown_value", io.convoc.core.validation.TextRules.excerpt(value)))));
    }

    @Allowed(Role.ORGANIZER)
    @Post("/import")
    @Consumes(MediaType.ALL)
    public ImportReportView importCsv(HttpRequest<?> request, @QueryValue @Nullable String eventId,
                                      @Nullable @Body String body) {
        Problems.requireMediaType(request, MediaType.of("text/csv"));
        String csv = body == null ? "" : body;
        if (csv.getBytes(StandardCharsets.UTF_8).length > MAX_CSV_BYTES) {
            throw new ApiException(413, "too_large", List.of(FieldError.of("body", "body_too_large", MAX_CSV_BYTES)));
        }
        try {
            return ImportReportView.of(imports.importCsv(eventId, csv), Problems.languageOf(request));
        } catch (io.convoc.core.validation.InvalidInput e) {
            boolean tooMany = e.errors().stream().anyMatch(f -> f.code().equals("too_many_rows"));
            throw new ApiException(tooMany ? 413 : 400, tooMany ? "too_large" : "bad_request", e.errors());
        }
    }
}
