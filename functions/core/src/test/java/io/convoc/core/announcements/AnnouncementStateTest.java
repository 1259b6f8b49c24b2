package io.convoc.core.announcements;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static io.convoc.core.announcements.AnnouncementState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The announcement's state machine, edge by edge. */
class AnnouncementStateTest {

    @Test
    void eachStateFollowsExactlyTheStatesOfTheMachine() {
        assertEquals(EnumSet.noneOf(AnnouncementState.class), DRAFT.allowedFrom(), "a draft is only created");
        assertEquals(EnumSet.of(DRAFT), SCHEDULED.allowedFrom());
        assertEquals(EnumSet.of(SCHEDULED), SENDING.allowedFrom());
        assertEquals(EnumSet.of(SENDING), SENT.allowedFrom());
        assertEquals(EnumSet.of(DRAFT, SCHEDULED, SENDING), CANCELLED.allowedFrom());
    }

    @Test
    void sentAndCancelledAreFinalAndNothingLeavesThem() {
        assertEquals(EnumSet.of(SENT, CANCELLED),
                EnumSet.copyOf(Arrays.stream(values()).filter(AnnouncementState::isFinal).toList()));
        for (AnnouncementState to : values()) {
            assertFalse(to.allowedFrom().contains(SENT), "SENT → " + to);
            assertFalse(to.allowedFrom().contains(CANCELLED), "CANCELLED → " + to);
        }
    }

    @Test
    void noStateGoesBack() {
        for (AnnouncementState to : values()) {
            for (AnnouncementState from : to.allowedFrom()) {
                assertFalse(from.compareTo(to) >= 0, from + " → " + to);
            }
        }
    }
}
