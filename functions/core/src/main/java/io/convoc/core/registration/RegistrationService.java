package io.convoc.core.registration;

import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Takes registrations in: validates, refuses duplicates, stores; the letter and notices follow from the stream. */
public class RegistrationService {
    public static final int MAX_PAGE = 100;

    private final ProgrammeRepository programmes;
    private final RegistrationRepository registrations;
    private final Clock clock;
    private final Supplier<String> ids;
    private final RegistrationValidator validator = new RegistrationValidator();

    public RegistrationService(ProgrammeRepository programmes, RegistrationRepository registrations, Clock clock) {
        this(programmes, registrations, clock, () -> UUID.randomUUID().toString());
    }

    public RegistrationService(ProgrammeRepository programmes, RegistrationRepository registrations, Clock clock,
                               Supplier<String> ids) {
        this.programmes = programmes;
        this.registrations = registrations;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws InvalidInput          naming every field in error
     * @throws DuplicateRegistration when the event already has this e-mail address
     */
    public Registration register(RegistrationRequest request, RegistrationSource source) {
        return register(request, source, programmeOf(request.eventId()));
    }

    /**
     * Registers for the programme given (read once by an import, for all its rows).
     *
     * @throws InvalidInput          naming every field in error
     * @throws DuplicateRegistration when the event already has this e-mail address
     */
    public Registration register(RegistrationRequest request, RegistrationSource source, Programme programme) {
        return register(request, source, programme, null);
    }

    /**
     * @param claimed the addresses of the event already registered (e-mail key → id), read beforehand for many
     *                rows at once; null to look this one up. The store refuses a duplicate either way.
     */
    public Registration register(RegistrationRequest request, RegistrationSource source, Programme programme,
                                 java.util.Map<String, String> claimed) {
        Registration registration = prepare(request, source, programme, claimed);
        registrations.create(registration);
        return registration;
    }

    /** Stores registrations {@link #prepare}d: null for each stored, else the id already holding its address. */
    public java.util.List<String> createAll(java.util.List<Registration> prepared) {
        return registrations.createAll(prepared);
    }

    /**
     * A registration checked and built, not stored yet (an import stores many at once).
     *
     * @throws InvalidInput          naming every field in error
     * @throws DuplicateRegistration when {@code claimed} (or, when null, the store) has the address already
     */
    public Registration prepare(RegistrationRequest request, RegistrationSource source, Programme programme,
                                java.util.Map<String, String> claimed) {
        RegistrationValidator.Valid v = validator.validate(request, programme);
        Optional<String> already = claimed == null ? registrations.findIdByEmail(programme.event().id(), v.email())
                : Optional.ofNullable(claimed.get(Registration.emailKey(v.email())));
        already.ifPresent(existing -> {
            throw new DuplicateRegistration(programme.event().id(), existing);
        });
        Instant now = clock.instant();
        Registration registration = new Registration(ids.get(), programme.event().id(), v.civility(), v.name(),
                v.titleFr(), v.titleAr(), v.category(), v.organisation(), v.region(), v.email(), v.mobile(),
                v.languages(), v.workshops(), source, RegistrationStatus.RECEIVED, null, null, now, now);
        return registration;
    }

    /** {@link RegistrationRepository#findIdsByEmail}: the addresses of these that the event already has. */
    public java.util.Map<String, String> registeredIds(String eventId, java.util.Collection<String> emails) {
        return registrations.findIdsByEmail(eventId, emails);
    }

    public Optional<Registration> find(String id) {
        if (!io.convoc.core.validation.Keys.isKey(id)) {
            return Optional.empty();
        }
        return registrations.find(id);
    }

    public Page<Registration> list(String eventId, RegistrationQuery query, String cursor, int limit) {
        Programme programme = programmeOf(eventId);
        if (query.workshop() != null && !programme.workshopIds().contains(query.workshop())) {
            throw new InvalidInput(FieldError.of("workshop", "unknown_workshop",
                    io.convoc.core.validation.TextRules.excerpt(query.workshop())));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput(FieldError.of("limit", "out_of_range", 1, MAX_PAGE));
        }
        return registrations.list(eventId, query, cursor, limit);
    }

    public Programme programmeOf(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInput(FieldError.of("eventId", "required"));
        }
        if (!io.convoc.core.validation.Keys.isKey(eventId.strip())) {
            throw new UnknownEvent(eventId.strip());
        }
        return programmes.find(eventId.strip()).orElseThrow(() -> new UnknownEvent(eventId.strip()));
    }
}
