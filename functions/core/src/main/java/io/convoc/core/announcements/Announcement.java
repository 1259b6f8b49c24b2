package io.convoc.core.announcements;

import io.convoc.core.event.Bilingual;
import io.convoc.core.notifications.Channel;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An organizers' message to many invitees of one event, in French and Arabic, by e-mail, SMS or both. Its number
 * is the content version of its notices ({@code ANNOUNCEMENT#EMAIL#v<number>#<registration>}), so that each
 * recipient gets one notice per channel (an SMS one per language) however often the fan-out runs.
 *
 * @param subject      the e-mail's subject (empty without e-mail)
 * @param body         the e-mail's text (empty without e-mail)
 * @param sms          the SMS text (empty without SMS)
 * @param scheduledFor when it is to go out (set when it is sent or scheduled)
 * @param fanOutCursor where the fan-out stands in the audience (null before the first page, and once done)
 * @param fanOutDone   every notice of the audience is written
 * @param stateReason  who cancelled it, and when
 */
public record Announcement(
        int number,
        String eventId,
        Bilingual subject,
        Bilingual body,
        Bilingual sms,
        Set<Channel> channels,
        Audience audience,
        AnnouncementState state,
        Instant scheduledFor,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        AnnouncementCounters counters,
        String fanOutCursor,
        boolean fanOutDone,
        String stateReason) {

    public Announcement {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(state, "state");
        subject = subject == null ? Bilingual.of("", "") : subject;
        body = body == null ? Bilingual.of("", "") : body;
        sms = sms == null ? Bilingual.of("", "") : sms;
        channels = channels == null || channels.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(channels));
        audience = audience == null ? Audience.everyone() : audience;
        counters = counters == null ? AnnouncementCounters.NONE : counters;
    }

    /** Its id in the API: the number, as text. */
    public String id() {
        return Integer.toString(number);
    }

    public static Announcement draft(int number, AnnouncementDraft draft, String createdBy, Instant at) {
        return new Announcement(number, draft.eventId(), draft.subject(), draft.body(), draft.sms(), draft.channels(),
                draft.audience(), AnnouncementState.DRAFT, null, createdBy, at, at, AnnouncementCounters.NONE, null,
                false, null);
    }
}
