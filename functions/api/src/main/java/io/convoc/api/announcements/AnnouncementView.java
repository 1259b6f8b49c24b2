package io.convoc.api.announcements;

import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.Audience;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * An announcement as the API shows it: its texts, audience, where it stands (with the label a person reads in both
 * languages) and its progress counters, counted in notices.
 */
@Serdeable
public record AnnouncementView(String id, String eventId, String state, Bilingual stateLabel,
                               @Nullable String stateReason, List<String> channels, Bilingual subject, Bilingual body,
                               Bilingual sms, AudienceView audience, @Nullable Instant scheduledFor,
                               @Nullable String createdBy, Instant createdAt, Instant updatedAt, Counters counters,
                               boolean fanOutDone) {

    @Serdeable
    public record AudienceView(List<String> categories, List<String> regions, List<String> workshops,
                               List<String> languages, List<String> statuses) {
    }

    @Serdeable
    public record Counters(long targeted, long queued, long sent, long delivered, long bounced, long failed,
                           long suppressed, long cancelled, long unknown, long outstanding) {
        static Counters of(AnnouncementCounters c) {
            return new Counters(c.targeted(), c.queued(), c.sent(), c.delivered(), c.bounced(), c.failed(),
                    c.suppressed(), c.cancelled(), c.unknown(), c.outstanding());
        }
    }

    public static AnnouncementView of(Announcement a) {
        Audience audience = a.audience();
        return new AnnouncementView(a.id(), a.eventId(), a.state().name(), Messages.labels(a.state()), a.stateReason(),
                names(a.channels()), a.subject(), a.body(), a.sms(),
                new AudienceView(upper(audience.categories()), upper(audience.regions()), List.copyOf(audience.workshops()),
                        audience.languages().stream().map(Language::tag).toList(), upper(audience.statuses())),
                a.scheduledFor(), a.createdBy(), a.createdAt(), a.updatedAt(), Counters.of(a.counters()),
                a.fanOutDone());
    }

    private static List<String> upper(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    /** Channels as the requests name them: {@code email}, {@code sms}. */
    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
