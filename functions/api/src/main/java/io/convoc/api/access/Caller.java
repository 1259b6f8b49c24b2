package io.convoc.api.access;

import io.micronaut.core.annotation.Nullable;

/**
 * Who is calling, as API Gateway's JWT authorizer established it: the token's subject and user name, and the
 * strongest role among its groups ({@code organizer}, {@code protocol}). {@code authenticated} is false without a
 * token (public routes only).
 */
public record Caller(boolean authenticated, @Nullable String subject, @Nullable String userName, Role role) {
    public static final Caller ANONYMOUS = new Caller(false, null, null, Role.PUBLIC);

    /** Whether this caller may call a route open to {@code allowed}. */
    public boolean mayCall(Role[] allowed) {
        for (Role r : allowed) {
            if (r == Role.PUBLIC || r == role) {
                return true;
            }
        }
        return false;
    }

    /** Contact data (e-mail, mobile) is for organizers only. */
    public boolean seesContactData() {
        return role == Role.ORGANIZER;
    }
}
