package io.convoc.core.ports;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;

/**
 * Filters of a registration listing; null means any. Category and workshop choose the index read (a key condition);
 * region and status only filter what it reads, so a page may hold fewer items than asked and still have a next one.
 */
public record RegistrationQuery(Category category, String workshop, Region region, RegistrationStatus status) {

    public RegistrationQuery(Category category, String workshop) {
        this(category, workshop, null, null);
    }

    public static RegistrationQuery all() {
        return new RegistrationQuery(null, null, null, null);
    }

    /** Whether a registration read from the index passes the filters that are not part of its key. */
    public boolean keeps(io.convoc.core.registration.Registration r) {
        return (region == null || region == r.region()) && (status == null || status == r.status());
    }
}
