package io.convoc.core.ports;

import io.convoc.core.registration.Category;

/** Filters of a registration listing; null means any. */
public record RegistrationQuery(Category category, String workshop) {
    public static RegistrationQuery all() {
        return new RegistrationQuery(null, null);
    }
}
