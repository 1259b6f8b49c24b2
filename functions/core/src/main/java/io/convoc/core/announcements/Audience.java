package io.convoc.core.announcements;

import io.convoc.core.event.Language;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationStatus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who an announcement is for, among an event's registrations: each non-empty set narrows the audience (a
 * registration must match one of its values), an empty set does not filter. All sets empty: everyone registered.
 *
 * @param workshops  session ids: registrations attending at least one of them
 * @param languages  registrations that read at least one of these languages
 */
public record Audience(Set<Category> categories, Set<Region> regions, Set<String> workshops, Set<Language> languages,
                       Set<RegistrationStatus> statuses) {

    public Audience {
        categories = copy(categories, Category.class);
        regions = copy(regions, Region.class);
        languages = copy(languages, Language.class);
        statuses = copy(statuses, RegistrationStatus.class);
        workshops = workshops == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(workshops));
    }

    public static Audience everyone() {
        return new Audience(null, null, null, null, null);
    }

    public boolean isEveryone() {
        return categories.isEmpty() && regions.isEmpty() && workshops.isEmpty() && languages.isEmpty()
                && statuses.isEmpty();
    }

    /** Whether this registration is one of the audience. */
    public boolean includes(Registration r) {
        return (categories.isEmpty() || categories.contains(r.category()))
                && (regions.isEmpty() || regions.contains(r.region()))
                && (statuses.isEmpty() || statuses.contains(r.status()))
                && (workshops.isEmpty() || r.workshops().stream().anyMatch(workshops::contains))
                && (languages.isEmpty() || r.languages().languages().stream().anyMatch(languages::contains));
    }

    private static <E extends Enum<E>> Set<E> copy(Set<E> values, Class<E> type) {
        return values == null || values.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(values));
    }
}
