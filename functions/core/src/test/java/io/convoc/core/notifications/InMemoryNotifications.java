package io.convoc.core.notifications;

import io.convoc.core.ports.NotificationRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The notification store in memory, with the same conditional writes as the DynamoDB table (statuses, leases),
 * and failures to inject: {@link #failMarkSent} makes the next status writes after a send throw, as a store
 * outage would.
 */
public class InMemoryNotifications implements NotificationRepository {
    private final Map<String, Notification> byKey = new LinkedHashMap<>();
    /** How many {@code markSent} calls still fail. */
    public int failMarkSent;
    /** How many {@code recordAccepted} calls still fail. */
    public int failRecordAccepted;
    /** Runs during the next hand-over (a slow write: a test moves its clock). */
    public Runnable duringHandOver;

    private static String key(String registrationId, String notificationId) {
        return registrationId + "|" + notificationId;
    }

    /** Stores a notice as is (a test sets up any state, a SENDING notice with its lease…). */
    public synchronized void put(Notification n) {
        byKey.put(key(n.registrationId(), n.id()), n);
    }

    /** Every notice stored, in the order written. */
    public synchronized List<Notification> all() {
        return List.copyOf(byKey.values());
    }

    @Override
    public synchronized boolean create(Notification notification) {
        return byKey.putIfAbsent(key(notification.registrationId(), notification.id()), notification) == null;
    }

    @Override
    public synchronized Optional<Notification> find(String registrationId, String notificationId) {
        return Optional.ofNullable(byKey.get(key(registrationId, notificationId)));
    }

    @Override
    public synchronized List<Notification> listFor(String registrationId) {
        return byKey.values().stream().filter(n -> n.registrationId().equals(registrationId)).toList();
    }

    @Override
    public synchronized Optional<Notification> findByProviderMessageId(String providerMessageId) {
        return byKey.values().stream().filter(n -> providerMessageId.equals(n.providerMessageId())).findFirst();
    }

    private Notification with(Notification n, DeliveryStatus status, String reason, String pid, String lastError,
                              int attempts, int parts, Instant at, Instant lease, Instant handedOver) {
        Notification changed = new Notification(n.id(), n.registrationId(), n.eventId(), n.kind(), n.channel(),
                n.contentVersion(), n.language(), n.destination(), status, reason, pid, lastError, attempts, parts,
                n.createdAt(), at, status == DeliveryStatus.SENDING ? lease : null,
                status == DeliveryStatus.SENDING ? handedOver : null);
        put(changed);
        return changed;
    }

    @Override
    public synchronized boolean transition(String registrationId, String notificationId, DeliveryStatus to,
                                           String reason, String providerMessageId, Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || !to.allowedFrom().contains(n.status())) {
            return false;
        }
        with(n, to, reason == null ? n.statusReason() : reason,
                providerMessageId == null ? n.providerMessageId() : providerMessageId, n.lastError(),
                n.attempts() + (to == DeliveryStatus.SENDING ? 1 : 0), n.parts(), at, n.leaseUntil(), n.handedOverAt());
        return true;
    }

    @Override
    public synchronized boolean markSent(String registrationId, String notificationId, String providerMessageId,
                                         int parts, Instant at) {
        if (failMarkSent > 0) {
            failMarkSent--;
            throw new IllegalStateException("store unavailable (injected)");
        }
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.SENDING) {
            return false;
        }
        with(n, DeliveryStatus.SENT, n.statusReason(), providerMessageId, n.lastError(), n.attempts(), parts, at,
                null, null);
        return true;
    }

    @Override
    public synchronized boolean requeueRedriven(String registrationId, String notificationId, String exhausted,
                                                Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.FAILED || n.statusReason() == null
                || !n.statusReason().startsWith(exhausted)) {
            return false;
        }
        with(n, DeliveryStatus.QUEUED, null, n.providerMessageId(), n.statusReason(), n.attempts(), n.parts(), at,
                null, null);
        return true;
    }

    @Override
    public synchronized boolean resend(String registrationId, String notificationId, DeliveryStatus from, String note,
                                       Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != from) {
            return false;
        }
        with(n, DeliveryStatus.QUEUED, note, null, n.statusReason(), n.attempts(), n.parts(), at, null, null);
        return true;
    }

    @Override
    public synchronized boolean retryLater(String registrationId, String notificationId, String error, Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.SENDING) {
            return false;
        }
        with(n, DeliveryStatus.QUEUED, n.statusReason(), n.providerMessageId(),
                error == null ? "unknown error" : error, n.attempts(), n.parts(), at, null, null);
        return true;
    }

    @Override
    public synchronized boolean claim(String registrationId, String notificationId, Instant leaseUntil, Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.QUEUED) {
            return false;
        }
        with(n, DeliveryStatus.SENDING, n.statusReason(), n.providerMessageId(), n.lastError(), n.attempts() + 1,
                n.parts(), at, millis(leaseUntil), null);
        return true;
    }

    @Override
    public synchronized boolean takeBack(String registrationId, String notificationId, Instant expiredLease,
                                         Instant newLease, Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.SENDING || n.handedOverAt() != null
                || n.providerMessageId() != null || !sameLease(n, expiredLease)) {
            return false;
        }
        with(n, DeliveryStatus.SENDING, n.statusReason(), null, n.lastError(), n.attempts() + 1, n.parts(), at,
                millis(newLease), null);
        return true;
    }

    @Override
    public synchronized boolean handOver(String registrationId, String notificationId, Instant lease, Instant at) {
        if (duringHandOver != null) {
            Runnable r = duringHandOver;
            duringHandOver = null;
            r.run();
        }
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.SENDING || !sameLease(n, lease)) {
            return false;
        }
        with(n, DeliveryStatus.SENDING, n.statusReason(), n.providerMessageId(), n.lastError(), n.attempts(),
                n.parts(), n.updatedAt(), n.leaseUntil(), at);
        return true;
    }

    @Override
    public synchronized boolean recordAccepted(String registrationId, String notificationId, String providerMessageId,
                                               int parts, Instant at) {
        if (failRecordAccepted > 0) {
            failRecordAccepted--;
            throw new IllegalStateException("store unavailable (injected)");
        }
        Notification n = byKey.get(key(registrationId, notificationId));
        if (n == null || n.status() != DeliveryStatus.SENDING) {
            return false;
        }
        with(n, DeliveryStatus.SENDING, n.statusReason(), providerMessageId, n.lastError(), n.attempts(), parts,
                n.updatedAt(), n.leaseUntil(), n.handedOverAt());
        return true;
    }

    @Override
    public synchronized boolean releaseExpired(String registrationId, String notificationId, Instant expiredLease,
                                               DeliveryStatus to, String reason, Instant at) {
        Notification n = byKey.get(key(registrationId, notificationId));
        boolean handedOver = to == DeliveryStatus.UNKNOWN;
        if (n == null || n.status() != DeliveryStatus.SENDING || n.providerMessageId() != null
                || (n.handedOverAt() != null) != handedOver || !sameLease(n, expiredLease)) {
            return false;
        }
        if (to == DeliveryStatus.UNKNOWN) {
            with(n, to, reason, null, n.lastError(), n.attempts(), n.parts(), at, null, null);
        } else if (to == DeliveryStatus.QUEUED) {
            with(n, to, n.statusReason(), null, reason, n.attempts(), n.parts(), at, null, null);
        } else {
            throw new IllegalArgumentException(String.valueOf(to));
        }
        return true;
    }

    @Override
    public synchronized List<Notification> expiredLeases(Instant now, int limit) {
        List<Notification> out = new ArrayList<>(byKey.values().stream()
                .filter(n -> n.status() == DeliveryStatus.SENDING && n.leaseUntil() != null
                        && !n.leaseUntil().isAfter(now))
                .sorted(Comparator.comparing(Notification::leaseUntil)).limit(limit).toList());
        return out;
    }

    private static boolean sameLease(Notification n, Instant lease) {
        return Objects.equals(n.leaseUntil(), millis(lease));
    }

    /** Stored as the table stores it: to the millisecond. */
    private static Instant millis(Instant i) {
        return i == null ? null : Instant.ofEpochMilli(i.toEpochMilli());
    }
}
