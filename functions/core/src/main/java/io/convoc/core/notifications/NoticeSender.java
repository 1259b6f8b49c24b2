package io.convoc.core.notifications;

import io.convoc.core.event.Programme;
import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.ports.SuppressionList;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.util.Optional;

/**
 * Sends one queued notice, at most once: it claims the notice (QUEUED → SENDING, conditional) before
 * handing it to the provider, so a message delivered twice sends once. A retryable failure puts the notice
 * back to QUEUED for the queue's next attempt; a permanent one marks it FAILED with the reason.
 */
public class NoticeSender {
    private final NotificationRepository notifications;
    private final RegistrationRepository registrations;
    private final ProgrammeRepository programmes;
    private final SuppressionList suppressions;
    private final Deliverer deliverer;
    private final Clock clock;

    public NoticeSender(NotificationRepository notifications, RegistrationRepository registrations,
                        ProgrammeRepository programmes, SuppressionList suppressions, Deliverer deliverer, Clock clock) {
        this.notifications = notifications;
        this.registrations = registrations;
        this.programmes = programmes;
        this.suppressions = suppressions;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    public enum Outcome {
        SENT,
        /** Nothing to do: already sent or being sent by another attempt (a duplicate message). */
        ALREADY_HANDLED,
        SUPPRESSED,
        FAILED,
        /** A retryable failure: the queue should deliver the message again later. */
        RETRY
    }

    public Outcome send(NoticeMessage message) {
        Optional<Notification> found = notifications.find(message.registrationId(), message.notificationId());
        if (found.isEmpty() || found.get().status() != DeliveryStatus.QUEUED) {
            return Outcome.ALREADY_HANDLED;
        }
        Notification n = found.get();
        Optional<String> suppressed = suppressions.reasonFor(n.destination());
        if (suppressed.isPresent()) {
            notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SUPPRESSED, suppressed.get(), null,
                    clock.instant());
            return Outcome.SUPPRESSED;
        }
        if (!notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENDING, null, null, clock.instant())) {
            return Outcome.ALREADY_HANDLED;
        }
        try {
            Registration registration = registrations.find(n.registrationId()).orElseThrow(() ->
                    DeliveryFailure.permanent("registration " + n.registrationId() + " no longer exists", null));
            Programme programme = programmes.find(registration.eventId()).orElseThrow(() ->
                    DeliveryFailure.permanent("event " + registration.eventId() + " no longer exists", null));
            Deliverer.Delivery delivery = deliverer.deliver(n, registration, programme);
            notifications.markSent(n.registrationId(), n.id(), delivery.providerMessageId(), delivery.parts(),
                    clock.instant());
            return Outcome.SENT;
        } catch (DeliveryFailure e) {
            if (e.retryable()) {
                notifications.retryLater(n.registrationId(), n.id(), e.getMessage(), clock.instant());
                return Outcome.RETRY;
            }
            notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED, e.getMessage(), null,
                    clock.instant());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            // anything unforeseen (a network error before the provider answered…) may pass on a later try
            notifications.retryLater(n.registrationId(), n.id(), e.toString(), clock.instant());
            return Outcome.RETRY;
        }
    }

    /** The queue gave up on a message (its dead-letter queue): the notice shows FAILED with the last error. */
    public void giveUp(NoticeMessage message) {
        notifications.find(message.registrationId(), message.notificationId()).ifPresent(n -> {
            if (!n.status().isFinal() && n.status() != DeliveryStatus.SENT) {
                String reason = "retries exhausted" + (n.lastError() == null ? "" : ": " + n.lastError());
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.FAILED, reason, null,
                        clock.instant());
            }
        });
    }
}
