package io.convoc.api.access;

import io.convoc.api.problem.Problems;
import io.convoc.core.validation.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.List;

/**
 * Every route declares who may call it ({@link Allowed}); a route that does not is refused to everyone. In AWS the
 * HTTP API's JWT authorizer has already refused bad tokens on protected routes; this is the function's own check of
 * the role, so that a route is never open by a mistake in the template. 401 without a token, 403 with one of too
 * weak a role, both as problem+json.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter {
    private final Problems problems;

    public AccessFilter(Problems problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null) {
            return null; // no such route: its 404 says so
        }
        Role[] allowed = route.getAnnotationMetadata().enumValues(Allowed.class, Role.class);
        Caller caller = Callers.of(request);
        if (allowed.length > 0 && caller.mayCall(allowed)) {
            return null;
        }
        if (!caller.authenticated()) {
            return problems.of(request, 401, "unauthorized", List.of(FieldError.of("Authorization",
                    "token_required")), null).header("WWW-Authenticate", "Bearer");
        }
        return problems.of(request, 403, "forbidden", FieldError.of("Authorization", "role_required",
                String.join(", ", java.util.Arrays.stream(allowed).map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                        .toList())));
    }
}
