package io.convoc.api;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The one place where the caller's role is read. Until the JWT authorizer with role groups is in
 * place (protocol office issue), every caller of the API is treated as an organizer.
 */
@Singleton
public class Caller {
    public enum Role { INVITEE, ORGANIZER, PROTOCOL_OFFICE }

    public Role roleOf(HttpRequest<?> request) {
        return Role.ORGANIZER;
    }
}
