package io.convoc.core.notifications;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static io.convoc.core.notifications.DeliveryStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status machine, edge by edge: what each status may follow. */
class DeliveryStatusTest {

    @Test
    void eachStatusFollowsExactlyTheStatusesOfTheMachine() {
        assertEquals(EnumSet.of(SENDING, FAILED), QUEUED.allowedFrom(), "FAILED: a redrive of a notice whose retries ran out");
        assertEquals(EnumSet.of(QUEUED), SENDING.allowedFrom());
        assertEquals(EnumSet.of(SENDING, SENT, UNKNOWN), SENT.allowedFrom());
        assertEquals(EnumSet.of(SENT), DELIVERED.allowedFrom());
        assertEquals(EnumSet.of(SENT, DELIVERED), BOUNCED.allowedFrom());
        assertEquals(EnumSet.of(SENT, DELIVERED), COMPLAINED.allowedFrom());
        assertEquals(EnumSet.of(QUEUED, SENDING, SENT), FAILED.allowedFrom()); // SENT: an SES Reject after the send
        assertEquals(EnumSet.of(QUEUED, SENDING), SUPPRESSED.allowedFrom());
        assertEquals(EnumSet.of(SENDING), UNKNOWN.allowedFrom());
        assertEquals(EnumSet.of(QUEUED, SENDING), CANCELLED.allowedFrom());
    }

    @Test
    void cancelledIsReachedOnlyBeforeTheProviderHasTheNoticeAndNeverLeft() {
        // SENDING: claimed, but the sender checks the cancellation before the hand-over to the provider
        assertEquals(EnumSet.of(QUEUED, SENDING), CANCELLED.allowedFrom());
        assertTrue(CANCELLED.isFinal());
        for (DeliveryStatus to : values()) {
            assertFalse(to.allowedFrom().contains(CANCELLED), "CANCELLED → " + to);
        }
    }

    @Test
    void unknownIsReachedOnlyFromSendingAndLeftOnlyForSent() {
        for (DeliveryStatus to : values()) {
            assertEquals(to == UNKNOWN || to == SENT, to.allowedFrom().contains(UNKNOWN) || to == UNKNOWN,
                    "from UNKNOWN to " + to);
        }
        // never back to QUEUED: a notice that may have reached the provider is not sent again by itself
        assertFalse(QUEUED.allowedFrom().contains(UNKNOWN));
        assertFalse(SENDING.allowedFrom().contains(UNKNOWN));
    }

    @Test
    void nothingGoesBackToQueuedOrSendingOnceTheProviderAcceptedIt() {
        for (DeliveryStatus accepted : EnumSet.of(SENT, DELIVERED, BOUNCED, COMPLAINED)) {
            assertFalse(QUEUED.allowedFrom().contains(accepted), accepted + " → QUEUED");
            assertFalse(SENDING.allowedFrom().contains(accepted), accepted + " → SENDING");
            assertFalse(UNKNOWN.allowedFrom().contains(accepted), accepted + " → UNKNOWN");
        }
    }

    @Test
    void finalStatusesAreTheOnesNoAutomaticStepLeaves() {
        assertEquals(EnumSet.of(DELIVERED, BOUNCED, COMPLAINED, FAILED, SUPPRESSED, UNKNOWN, CANCELLED),
                EnumSet.copyOf(java.util.Arrays.stream(values()).filter(DeliveryStatus::isFinal).toList()));
        assertTrue(SENT.allowedFrom().contains(SENT), "a transient bounce records SENT again");
    }
}
