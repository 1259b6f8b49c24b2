package io.convoc.core.announcements;

import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An event's registrations in memory, listed in the order added (standing for protocol order); the cursor is the
 * index of the next one, and a page holds {@code limit} registrations read before the filters that are not part of
 * the index key, as the table's Query does.
 */
public final class InMemoryRegistrations implements RegistrationRepository {
    static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final List<Registration> all = new ArrayList<>();
    /** How many times {@link #list} was called. */
    int listCalls;

    /** An expert who reads French, registered in Rabat, with no mobile and no workshop; change it with the withers. */
    public static Registration person(String id) {
        return new Registration(id, "assises-2024", Civility.MADAME, new PersonName("Nadia", "Fassi-" + id, "نادية"),
                "Experte", "خبيرة", Category.EXPERT, "Université", Region.RABAT_SALE_KENITRA, id + "@example.ma",
                null, LanguagePreference.FR, List.of(), RegistrationSource.FORM, RegistrationStatus.RECEIVED, null,
                null, AT, AT);
    }

    static Registration with(Registration r, Category category) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), category,
                r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), r.workshops(), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt());
    }

    static Registration with(Registration r, Region region) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), region, r.email(), r.mobile(), r.languages(), r.workshops(), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt());
    }

    static Registration with(Registration r, LanguagePreference languages) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), r.region(), r.email(), r.mobile(), languages, r.workshops(), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt());
    }

    static Registration with(Registration r, RegistrationStatus status) {
        return r.withStatus(status, null, r.updatedAt());
    }

    public static Registration withWorkshops(Registration r, String... workshops) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), r.region(), r.email(), r.mobile(), r.languages(), List.of(workshops), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt());
    }

    public static Registration withMobile(Registration r, String mobile) {
        return new Registration(r.id(), r.eventId(), r.civility(), r.name(), r.titleFr(), r.titleAr(), r.category(),
                r.organisation(), r.region(), r.email(), mobile, r.languages(), r.workshops(), r.source(),
                r.status(), r.statusReason(), r.letter(), r.createdAt(), r.updatedAt());
    }

    List<Registration> all() {
        return List.copyOf(all);
    }

    @Override
    public void create(Registration registration) {
        all.add(registration);
    }

    @Override
    public Optional<Registration> find(String id) {
        return all.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public Optional<String> findIdByEmail(String eventId, String email) {
        return all.stream().filter(r -> r.eventId().equals(eventId)
                && Registration.emailKey(r.email()).equals(Registration.emailKey(email))).map(Registration::id)
                .findFirst();
    }

    @Override
    public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
        listCalls++;
        List<Registration> index = all.stream().filter(r -> r.eventId().equals(eventId)
                && (query.category() == null || r.category() == query.category())
                && (query.workshop() == null || r.workshops().contains(query.workshop()))).toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(index.size(), from + limit);
        return new Page<>(index.subList(from, to).stream().filter(query::keeps).toList(),
                to < index.size() ? String.valueOf(to) : null);
    }

    @Override
    public boolean recordLetter(String registrationId, int expectedPreviousVersion, LetterInfo letter, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean markScheduleChanged(String registrationId, int changeNumber, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordLetterFailure(String registrationId, String reason, Instant at) {
        throw new UnsupportedOperationException();
    }
}
