package io.convoc.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts in a sample event what API Gateway's JWT authorizer puts there once it has checked a token: the claims of a
 * Cognito user in the given group ({@code protocol}, {@code organizer}), or none ({@code null}: no token).
 */
public final class Tokens {
    /** The user of each role in the tests: token subject and Cognito user name. */
    public static final Map<String, List<String>> USERS = Map.of(
            "protocol", List.of("u-protocol-1", "protocole.tanger"),
            "organizer", List.of("u-organizer-1", "organisateur.dgct"));

    private Tokens() {
    }

    public static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String role) {
        if (role == null) {
            event.getRequestContext().setAuthorizer(null);
            return event;
        }
        List<String> user = USERS.getOrDefault(role, List.of("u-" + role + "-1", role + ".user"));
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", user.get(0));
        claims.put("cognito:username", user.get(1));
        claims.put("cognito:groups", "[" + role + "]");
        claims.put("token_use", "access");
        event.getRequestContext().setAuthorizer(Authorizer.builder()
                .withJwt(Authorizer.JWT.builder().withClaims(claims).withScopes(null).build()).build());
        return event;
    }

    public static String subject(String role) {
        return USERS.get(role).get(0);
    }

    public static String userName(String role) {
        return USERS.get(role).get(1);
    }
}
