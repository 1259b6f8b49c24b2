package io.convoc.notices;

import io.convoc.core.event.Programme;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.registration.Registration;

/**
 * The content of one notice to one invitee, whatever the channel: what the email and the SMS say comes from
 * here, the channel adds what is its own (the letter's PDF for the email, a short link for the SMS). An announcement
 * ({@link AnnouncementNotice}) is the organizers' own text, with the person's values in its placeholders.
 */
public sealed interface Notice permits Confirmation, ScheduleChange, AlreadyRegistered, AnnouncementNotice {

    NoticeKind kind();

    Programme programme();

    Registration registration();
}
