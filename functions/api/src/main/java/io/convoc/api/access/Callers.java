package io.convoc.api.access;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place where the caller is read: the claims API Gateway's JWT authorizer put in the request context
 * ({@code requestContext.authorizer.jwt.claims}) after checking the token's signature, issuer, audience and expiry.
 * Cognito writes the user's groups in {@code cognito:groups}, which the HTTP API passes as {@code [a b]}.
 */
public final class Callers {
    static final String GROUPS = "cognito:groups";

    private Callers() {
    }

    public static Caller of(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servlet)
                || !(servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event)) {
            return Caller.ANONYMOUS;
        }
        return of(event);
    }

    public static Caller of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        if (claims == null || claims.get("sub") == null) {
            return Caller.ANONYMOUS;
        }
        Set<String> groups = groups(claims.get(GROUPS));
        Role role = groups.contains("organizer") ? Role.ORGANIZER
                : groups.contains("protocol") ? Role.PROTOCOL : Role.PUBLIC;
        String name = claims.getOrDefault("cognito:username", claims.getOrDefault("username", claims.get("email")));
        return new Caller(true, claims.get("sub"), name, role);
    }

    /**
     * The caller's address as API Gateway saw it (the request context's source IP, which a client cannot forge the
     * way it can an X-Forwarded-For header); "unknown" outside API Gateway.
     */
    public static String sourceIp(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getSourceIp() != null) {
            return event.getRequestContext().getHttp().getSourceIp();
        }
        return "unknown";
    }

    /** "[organizer protocol]", "organizer,protocol" or a single group, as the claim may arrive. */
    static Set<String> groups(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(claim.replace("[", " ").replace("]", " ").replace("\"", " ").split("[\\s,]+"))
                .map(g -> g.strip().toLowerCase(Locale.ROOT)).filter(g -> !g.isEmpty()).collect(Collectors.toSet());
    }
}
