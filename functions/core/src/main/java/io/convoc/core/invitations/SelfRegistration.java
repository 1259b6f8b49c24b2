package io.convoc.core.invitations;

import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.DeliveryStatus;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.NoticeMessage;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.RateLimiter;
import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An invitee registering themselves with an invitation code. The answer is the same whether the address was new or
 * already registered, so that the form never tells who is registered: a new registration gets its letter and
 * confirmation as usual, an existing one's owner gets an "already registered" e-mail with their letter (at most one
 * a day). Requests are counted per code and per source address; a code's use is counted only for a registration
 * actually created.
 */
public class SelfRegistration {
    static final int PER_CODE_PER_MINUTE = 30;
    static final int PER_ADDRESS_PER_MINUTE = 10;

    private final RegistrationService registrations;
    private final InvitationCodeRepository codes;
    private final RateLimiter limiter;
    private final NotificationRepository notifications;
    private final NoticeQueues queues;
    private final Clock clock;

    public SelfRegistration(RegistrationService registrations, InvitationCodeRepository codes, RateLimiter limiter,
                            NotificationRepository notifications, NoticeQueues queues, Clock clock) {
        this.registrations = registrations;
        this.codes = codes;
        this.limiter = limiter;
        this.notifications = notifications;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * @param request  the form, whose category and region are the code's
     * @param code     as typed
     * @param sourceIp the caller's address, for its rate limit
     * @throws InvalidInput    naming the field (a missing, unknown, expired or used-up code is the {@code code} field)
     * @throws TooManyRequests over a rate limit
     */
    public void register(RegistrationRequest request, String code, String sourceIp) {
        String eventId = request.eventId() == null ? "" : request.eventId().strip();
        if (code == null || code.isBlank()) {
            throw new InvalidInput(FieldError.of("code", "required"));
        }
        String typed = InvitationCodes.normalise(code);
        wait("address", limiter.hit("ADDRESS#" + sourceIp, PER_ADDRESS_PER_MINUTE, Duration.ofMinutes(1)));
        wait("code", limiter.hit("CODE#" + eventId + "#" + typed, PER_CODE_PER_MINUTE, Duration.ofMinutes(1)));
        InvitationCode granted = codes.find(eventId, typed)
                .orElseThrow(() -> new InvalidInput(FieldError.of("code", "unknown_code")));
        Instant now = clock.instant();
        if (granted.expiredAt(now)) {
            throw new InvalidInput(FieldError.of("code", "expired_code"));
        }
        if (!codes.use(eventId, typed, now)) {
            throw new InvalidInput(FieldError.of("code", "code_used_up"));
        }
        RegistrationRequest withGrant = new RegistrationRequest(eventId, request.civility(), request.firstName(),
                request.lastName(), request.arabicName(), request.titleFr(), request.titleAr(),
                granted.category().name(), request.organisation(),
                granted.region() == null ? null : granted.region().name(), request.email(), request.mobile(),
                request.languages(), request.workshops());
        try {
            registrations.register(withGrant, RegistrationSource.FORM);
        } catch (DuplicateRegistration duplicate) {
            codes.release(eventId, typed);
            tellTheOwner(duplicate.existingId(), now);
        } catch (RuntimeException refused) {
            codes.release(eventId, typed);
            throw refused;
        }
    }

    private static void wait(String scope, long seconds) {
        if (seconds > 0) {
            throw new TooManyRequests(scope, seconds);
        }
    }

    /** Their letter is on its way if it is not ready yet (the confirmation says "you are registered"). */
    private void tellTheOwner(String registrationId, Instant now) {
        Registration existing = registrations.find(registrationId).orElse(null);
        if (existing == null || existing.letter() == null) {
            return;
        }
        int day = (int) now.atZone(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay();
        Notification notice = Notification.queued(existing.id(), existing.eventId(), NoticeKind.ALREADY_REGISTERED,
                Channel.EMAIL, day, null, existing.email(), now);
        boolean created = notifications.create(notice);
        if (created || notifications.find(existing.id(), notice.id()).map(Notification::status)
                .orElse(null) == DeliveryStatus.QUEUED) {
            queues.enqueue(Channel.EMAIL, new NoticeMessage(existing.id(), notice.id()));
        }
    }
}
