package io.convoc.core.invitations;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;

import java.time.Instant;
import java.util.Objects;

/**
 * A code organizers give a delegation (a region, a ministry, a partner) so that its members register themselves:
 * it grants its category (and region), works until it expires or has been used {@code maxUses} times.
 */
public record InvitationCode(String eventId, String code, String delegation, Category category, Region region,
                             int maxUses, int uses, Instant expiresAt, String createdBy, Instant createdAt) {

    public InvitationCode {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean usedUp() {
        return uses >= maxUses;
    }
}
