package io.convoc.core.ports;

import io.convoc.core.notifications.NoticeKind;

import java.time.Instant;
import java.util.Optional;

/**
 * E-mail addresses and phone numbers that must not be written to again (bounced, complained), and those that opted
 * out of announcements only (confirmations and schedule changes still reach them).
 */
public interface SuppressionList {
    Optional<String> reasonFor(String address);

    void suppress(String address, String reason, Instant at);

    /** Why a notice of this kind must not go to {@code address}: suppressed, or an announcement to one who opted out. */
    default Optional<String> reasonFor(String address, NoticeKind kind) {
        Optional<String> suppressed = reasonFor(address);
        if (suppressed.isPresent() || kind != NoticeKind.ANNOUNCEMENT) {
            return suppressed;
        }
        return reasonFor(announcementsKey(address));
    }

    /**
     * {@link #reasonFor(String, NoticeKind)} for many addresses at once (an announcement's page); adapters read them
     * in batches.
     *
     * @return the reason of each address that must not be written to (the others are absent)
     */
    default java.util.Map<String, String> reasonsFor(java.util.Collection<String> addresses, NoticeKind kind) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String address : addresses) {
            reasonFor(address, kind).ifPresent(reason -> out.put(address, reason));
        }
        return out;
    }

    /** The one-click unsubscribe: no more announcements to {@code address}; other notices still go. */
    default void optOutOfAnnouncements(String address, Instant at) {
        suppress(announcementsKey(address), "unsubscribed from announcements", at);
    }

    /** Opt-outs are kept beside suppressions, under their own key. */
    static String announcementsKey(String address) {
        return "ANNOUNCEMENTS#" + address.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
