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
        RegistrationValidator.Valid v = validator.validate(request, programme);
        registrations.findIdByEmail(programme.event().id(), v.email()).ifPresent(existing -> {
            throw new DuplicateRegistration(programme.event().id(), existing);
        });
        Instant now = clock.instant();
        Registration registration = new Registration(ids.get(), programme.event().id(), v.civility(), v.name(),
                v.titleFr(), v.titleAr(), v.category(), v.organisation(), v.region(), v.email(), v.mobile(),
                v.languages(), v.workshops(), source, RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(registration);
        return registration;
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
