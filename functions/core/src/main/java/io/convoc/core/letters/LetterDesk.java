package io.convoc.core.letters;

import io.convoc.core.ports.LetterDownloadLog;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The protocol office's letters: an event's letters in protocol order with who downloaded each last, and the current
 * letter of a registration handed out with the download recorded first (no audit entry, no letter).
 */
public final class LetterDesk {
    private final RegistrationService registrations;
    private final RegistrationRepository repository;
    private final LetterDownloadLog log;
    private final Clock clock;
    private final Supplier<String> ids;

    public LetterDesk(RegistrationService registrations, RegistrationRepository repository, LetterDownloadLog log,
                      Clock clock) {
        this(registrations, repository, log, clock, () -> UUID.randomUUID().toString());
    }

    public LetterDesk(RegistrationService registrations, RegistrationRepository repository, LetterDownloadLog log,
                      Clock clock, Supplier<String> ids) {
        this.registrations = registrations;
        this.repository = repository;
        this.log = log;
        this.clock = clock;
        this.ids = ids;
    }

    /** A registration as the letters listing shows it, with its last download (null: never downloaded). */
    public record Listed(Registration registration, LetterDownload lastDownload) {
    }

    /** A page of an event's letters in protocol order (event, workshop and limit checked as for registrations). */
    public Page<Listed> list(String eventId, RegistrationQuery query, String cursor, int limit) {
        Page<Registration> page = registrations.list(eventId, query, cursor, limit);
        Map<String, LetterDownload> last = page.items().isEmpty() ? Map.of()
                : log.lastOf(page.items().stream().map(Registration::id).toList());
        return new Page<>(page.items().stream().map(r -> new Listed(r, last.get(r.id()))).toList(), page.nextCursor());
    }

    /** What a download hands out: the current letter, and the audit entry written for it. */
    public record Granted(Registration registration, LetterInfo letter, LetterDownload audit) {
    }

    /**
     * The current letter of a registration, recorded as downloaded by {@code by} before it is handed out.
     *
     * @return empty for an unknown registration
     * @throws LetterNotReady while the registration has no letter
     */
    public Optional<Granted> download(String registrationId, Requester by) {
        Optional<Registration> found = repository.find(registrationId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Registration r = found.get();
        LetterInfo letter = r.currentLetter().orElseThrow(() -> new LetterNotReady(r.id(), r.status(),
                r.statusReason()));
        LetterDownload audit = new LetterDownload(ids.get(), r.id(), r.eventId(), clock.instant(), by,
                letter.version(), letter.reference(), LetterDownload.Kind.DOWNLOAD, null);
        log.record(audit);
        return Optional.of(new Granted(r, letter, audit));
    }

    /** The downloads of a registration's letters, newest first; empty for an unknown registration. */
    public Optional<Page<LetterDownload>> downloadsOf(String registrationId, String cursor, int limit) {
        checkLimit(limit);
        if (repository.find(registrationId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(log.byRegistration(registrationId, cursor, limit));
    }

    /** The downloads made by one user, newest first. */
    public Page<LetterDownload> downloadsBy(String subject, String cursor, int limit) {
        checkLimit(limit);
        if (subject == null || subject.isBlank()) {
            throw new InvalidInput(FieldError.of("user", "required"));
        }
        return log.byUser(subject.strip(), cursor, limit);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > RegistrationService.MAX_PAGE) {
            throw new InvalidInput(FieldError.of("limit", "out_of_range", 1, RegistrationService.MAX_PAGE));
        }
    }
}
