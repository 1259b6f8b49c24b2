package io.convoc.core.announcements;

import io.convoc.core.event.Language;
import io.convoc.core.notifications.Channel;
import io.convoc.core.notifications.NoticeKind;
import io.convoc.core.notifications.Notification;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.Registration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who an announcement reaches and how: its audience read page by page from the event's index in protocol order (a
 * Query, never a Scan), and for each recipient one e-mail and, with a mobile number, one SMS per language they read.
 */
public final class AnnouncementRecipients {
    public static final int PAGE = 100;

    private final RegistrationRepository registrations;

    public AnnouncementRecipients(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    /** One notice to write: a recipient, a channel, the SMS's language (null for an e-mail) and the address. */
    public record Delivery(Registration registration, Channel channel, Language language, String destination) {
        public String notificationId(int announcement) {
            return Notification.idOf(registration.id(), NoticeKind.ANNOUNCEMENT, channel, announcement, language);
        }
    }

    /** The audience's page after {@code cursor}: those of the page in the audience, and where the next page starts. */
    public Page<Registration> page(String eventId, Audience audience, String cursor) {
        Page<Registration> page = registrations.list(eventId, RegistrationQuery.all(), cursor, PAGE);
        return new Page<>(page.items().stream().filter(audience::includes).toList(), page.nextCursor());
    }

    /** Every page of the audience, in order. */
    public void forEachPage(String eventId, Audience audience, Consumer<List<Registration>> pageConsumer) {
        String cursor = null;
        do {
            Page<Registration> page = page(eventId, audience, cursor);
            pageConsumer.accept(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /** What {@code announcement} sends to one recipient, by its channels. */
    public static List<Delivery> deliveries(Announcement announcement, Registration r) {
        List<Delivery> out = new ArrayList<>();
        if (announcement.channels().contains(Channel.EMAIL) && !r.email().isBlank()) {
            out.add(new Delivery(r, Channel.EMAIL, null, r.email()));
        }
        if (announcement.channels().contains(Channel.SMS)) {
            r.mobileNumber().ifPresent(mobile -> r.languages().languages().forEach(language ->
                    out.add(new Delivery(r, Channel.SMS, language, mobile))));
        }
        return out;
    }
}
