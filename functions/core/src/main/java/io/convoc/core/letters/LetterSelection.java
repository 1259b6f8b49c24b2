package io.convoc.core.letters;

import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.RegistrationStatus;

import java.util.List;
import java.util.Objects;

/**
 * Which letters of an event an export binds: those a filter selects (category, region, workshop, status; letters
 * ready by default), or an explicit list of registrations. Either way they are bound in protocol order.
 */
public record LetterSelection(String eventId, Category category, Region region, String workshop,
                              RegistrationStatus status, List<String> registrationIds) {
    /** The most registrations an explicit list may name (an export's list is kept with the export). */
    public static final int MAX_IDS = 2000;

    public LetterSelection {
        Objects.requireNonNull(eventId, "eventId");
        registrationIds = registrationIds == null ? List.of() : List.copyOf(registrationIds);
        status = status == null && registrationIds.isEmpty() ? RegistrationStatus.LETTER_READY : status;
    }

    public boolean explicit() {
        return !registrationIds.isEmpty();
    }

    public RegistrationQuery query() {
        return new RegistrationQuery(category, workshop, region, status);
    }
}
