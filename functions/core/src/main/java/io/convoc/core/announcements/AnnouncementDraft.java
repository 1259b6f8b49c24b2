package io.convoc.core.announcements;

import io.convoc.core.event.Bilingual;
import io.convoc.core.notifications.Channel;

import java.util.Set;

/** What an organizer writes: the texts in both languages, the channels, and who it is for. */
public record AnnouncementDraft(String eventId, Bilingual subject, Bilingual body, Bilingual sms,
                                Set<Channel> channels, Audience audience) {
}
