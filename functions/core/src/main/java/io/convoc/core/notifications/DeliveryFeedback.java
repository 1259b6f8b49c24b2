package io.convoc.core.notifications;

import io.convoc.core.ports.NotificationRepository;
import io.convoc.core.ports.SuppressionList;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the provider later says about a sent notice: delivered, bounced, complained. A permanent bounce or a
 * complaint also suppresses the address. Unknown messages and reports out of order are ignored safely.
 */
public class DeliveryFeedback {
    private final NotificationRepository notifications;
    private final SuppressionList suppressions;
    private final Clock clock;

    public DeliveryFeedback(NotificationRepository notifications, SuppressionList suppressions, Clock clock) {
        this.notifications = notifications;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    public enum Report { DELIVERED, PERMANENT_BOUNCE, TRANSIENT_BOUNCE, COMPLAINT }

    /** @return the notice's status after the report, or empty when no notice has this provider id */
    public Optional<DeliveryStatus> onReport(String providerMessageId, Report report, String detail, Instant at) {
        Optional<Notification> found = notifications.findByProviderMessageId(providerMessageId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Notification n = found.get();
        Instant when = at == null ? clock.instant() : at;
        switch (report) {
            case DELIVERED -> notifications.transition(n.registrationId(), n.id(), DeliveryStatus.DELIVERED, null,
                    null, when);
            case TRANSIENT_BOUNCE -> notifications.transition(n.registrationId(), n.id(), DeliveryStatus.SENT,
                    "transient bounce: " + detail, null, when);
            case PERMANENT_BOUNCE -> {
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.BOUNCED, detail, null, when);
                suppressions.suppress(n.destination(), "bounced: " + detail, when);
            }
            case COMPLAINT -> {
                notifications.transition(n.registrationId(), n.id(), DeliveryStatus.COMPLAINED, detail, null, when);
                suppressions.suppress(n.destination(), "complaint", when);
            }
        }
        return notifications.find(n.registrationId(), n.id()).map(Notification::status);
    }
}
