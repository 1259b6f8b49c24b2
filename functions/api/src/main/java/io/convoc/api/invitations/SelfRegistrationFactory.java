package io.convoc.api.invitations;

import io.convoc.core.invitations.SelfRegistration;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.NoticeQueues;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.RateLimiter;
import io.convoc.core.registration.RegistrationService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
public class SelfRegistrationFactory {

    @Singleton
    SelfRegistration selfRegistration(RegistrationService registrations, InvitationCodeRepository codes,
                                      RateLimiter limiter, NotificationRepository notifications, NoticeQueues queues,
                                      Clock clock) {
        return new SelfRegistration(registrations, codes, limiter, notifications, queues, clock);
    }
}
