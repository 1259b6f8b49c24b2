package io.convoc.core.announcements;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.notifications.Channel;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.TextRules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Organizers' announcements: a draft is checked whole (every field in error named, the texts' placeholders known,
 * both languages written for each channel, an audience that reaches someone), then sent now or scheduled up to
 * {@link #MAX_SCHEDULE_AHEAD} ahead, or cancelled. Sending is the fan-out's work ({@link AnnouncementFanOut}).
 */
public class Announcements {
    public static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(7);
    /** A time "now" typed on a slow clock is still now; earlier than this is a mistake. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;
    static final int MAX_SMS = 480;

    private final AnnouncementRepository announcements;
    private final ProgrammeRepository programmes;
    private final AnnouncementRecipients recipients;
    private final AnnouncementQueue queue;
    private final Clock clock;

    public Announcements(AnnouncementRepository announcements, ProgrammeRepository programmes,
                         AnnouncementRecipients recipients, AnnouncementQueue queue, Clock clock) {
        this.announcements = announcements;
        this.programmes = programmes;
        this.recipients = recipients;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * @throws InvalidInput naming every field in error
     * @throws UnknownEvent when the event does not exist
     */
    public Announcement draft(AnnouncementDraft draft, String createdBy) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.eventId() == null || draft.eventId().isBlank()) {
            throw new InvalidInput(FieldError.of("eventId", "required"));
        }
        Programme programme = programmes.find(draft.eventId()).orElseThrow(() -> new UnknownEvent(draft.eventId()));
        if (draft.channels() == null || draft.channels().isEmpty()) {
            errors.add(FieldError.of("channels", "required"));
        } else {
            if (draft.channels().contains(Channel.EMAIL)) {
                checkText("subject", draft.subject(), MAX_SUBJECT, false, errors);
                checkText("body", draft.body(), MAX_BODY, true, errors);
            } else if (!blank(draft.subject()) || !blank(draft.body())) {
                errors.add(FieldError.of(blank(draft.subject()) ? "body" : "subject", "channel_not_chosen", "email"));
            }
            if (draft.channels().contains(Channel.SMS)) {
                checkText("sms", draft.sms(), MAX_SMS, true, errors);
            } else if (!blank(draft.sms())) {
                errors.add(FieldError.of("sms", "channel_not_chosen", "sms"));
            }
        }
        Audience audience = draft.audience() == null ? Audience.everyone() : draft.audience();
        for (String workshop : audience.workshops()) {
            if (!programme.workshopIds().contains(workshop)) {
                errors.add(FieldError.of("audience.workshops", "unknown_workshop", workshop));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (reach(draft.eventId(), audience) == 0) {
            throw new InvalidInput(FieldError.of("audience", "empty_audience"));
        }
        Instant now = clock.instant();
        Announcement created = Announcement.draft(announcements.nextNumber(), new AnnouncementDraft(draft.eventId(),
                draft.subject(), draft.body(), draft.sms(), draft.channels(), audience), createdBy, now);
        announcements.create(created);
        return created;
    }

    /** How many registrations the audience holds. */
    public long reach(String eventId, Audience audience) {
        AtomicLong count = new AtomicLong();
        recipients.forEachPage(eventId, audience, page -> count.addAndGet(page.size()));
        return count.get();
    }

    public Announcement find(String id) {
        return announcements.find(number(id)).orElseThrow(() -> new UnknownAnnouncement(id));
    }

    public Page<Announcement> list(String eventId, String cursor, int limit) {
        return announcements.list(eventId, cursor, limit);
    }

    /**
     * Sends a draft now ({@code scheduledFor} null) or at {@code scheduledFor}, at most {@link #MAX_SCHEDULE_AHEAD}
     * ahead. Sent now, the fan-out is asked for at once; scheduled, the dispatcher asks for it when it is due.
     *
     * @throws AnnouncementConflict when it is not a draft any more
     */
    public Announcement send(String id, Instant scheduledFor) {
        Announcement current = find(id);
        Instant now = clock.instant();
        Instant when = scheduledFor == null ? now : scheduledFor;
        if (when.isBefore(now.minus(PAST_TOLERANCE))) {
            throw new InvalidInput(FieldError.of("scheduledFor", "in_past"));
        }
        if (when.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            throw new InvalidInput(FieldError.of("scheduledFor", "too_far_ahead", MAX_SCHEDULE_AHEAD.toDays()));
        }
        if (current.state() != AnnouncementState.DRAFT
                || !announcements.schedule(current.number(), when.isBefore(now) ? now : when, now)) {
            throw new AnnouncementConflict(find(id), "send");
        }
        if (!when.isAfter(now)) {
            queue.fanOut(current.number());
        }
        return find(id);
    }

    /**
     * Stops an announcement: the fan-out writes no more notices, and the senders withdraw every notice not handed to
     * the provider yet (status CANCELLED).
     *
     * @throws AnnouncementConflict when it was sent or cancelled already
     */
    public Announcement cancel(String id, String cancelledBy) {
        Announcement current = find(id);
        Instant now = clock.instant();
        if (current.state().isFinal()
                || !announcements.cancel(current.number(), "by " + cancelledBy + " at " + now, now)) {
            throw new AnnouncementConflict(find(id), "cancel");
        }
        return find(id);
    }

    private static int number(String id) {
        try {
            int n = Integer.parseInt(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // below
        }
        throw new UnknownAnnouncement(id);
    }

    private static boolean blank(Bilingual text) {
        return text == null || text.isBlank();
    }

    /** Both languages written, within {@code max}, with known placeholders, and no character a person cannot see. */
    private static void checkText(String field, Bilingual text, int max, boolean multiline, List<FieldError> errors) {
        for (Language language : Language.all()) {
            String name = field + "." + language.tag();
            String value = text == null ? "" : text.in(language);
            if (value.isBlank()) {
                errors.add(FieldError.of(name, "missing_translation"));
                continue;
            }
            int before = errors.size();
            if (value.codePointCount(0, value.length()) > max) {
                errors.add(FieldError.of(name, "too_long", max));
                continue;
            }
            if (multiline) {
                for (String line : value.split("\r?\n", -1)) {
                    TextRules.check(name, line.isBlank() ? null : line, max, errors);
                    if (errors.size() > before) {
                        break;
                    }
                }
            } else {
                TextRules.check(name, value, max, errors);
            }
            if (errors.size() == before) {
                errors.addAll(MessageTemplate.parse(name, value).errors());
            }
        }
    }
}
