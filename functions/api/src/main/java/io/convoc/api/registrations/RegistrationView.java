package io.convoc.api.registrations;

import io.convoc.api.access.Caller;
import io.convoc.core.event.Bilingual;
import io.convoc.core.notifications.Notification;
import io.convoc.core.registration.Registration;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A registration as the API shows it, with the labels a person reads in both languages. */
@Serdeable
public record RegistrationView(
        String id, String eventId, String status, Bilingual statusLabel, @Nullable String statusReason,
        @Nullable String civility, String firstName, String lastName, String arabicName, String titleFr,
        String titleAr, String category, Bilingual categoryLabel, String organisation, @Nullable String region,
        @Nullable String email, @Nullable String mobile, String languages, List<String> workshops, String source,
        @Nullable Letter letter, List<NoticeView> notifications, String createdAt, String updatedAt) {

    /** One notice sent (or being sent) to the person, and where it stands. */
    @Serdeable
    public record NoticeView(String id, String kind, String channel, @Nullable String language, String status,
                             Bilingual statusLabel, @Nullable String statusReason, @Nullable String lastError,
                             int attempts, int parts, String updatedAt) {
        static NoticeView of(Notification n) {
            return new NoticeView(n.id(), n.kind().name(), n.channel().name(),
                    n.language() == null ? null : n.language().tag(), n.status().name(), Messages.labels(n.status()),
                    n.statusReason(), n.lastError(), n.attempts(), n.parts(), n.updatedAt().toString());
        }
    }

    @Serdeable
    public record Letter(int version, String reference, String sha256, String generatedAt) {
    }

    /** The view as {@code caller} may see it: contact data (e-mail, mobile) is for organizers only. */
    public RegistrationView seenBy(Caller caller) {
        if (caller.seesContactData()) {
            return this;
        }
        return new RegistrationView(id, eventId, status, statusLabel, statusReason, civility, firstName, lastName,
                arabicName, titleFr, titleAr, category, categoryLabel, organisation, region, null, null, languages,
                workshops, source, letter, notifications, createdAt, updatedAt);
    }

    public static RegistrationView of(Registration r) {
        return of(r, List.of());
    }

    public static RegistrationView of(Registration r, List<Notification> notifications) {
        return new RegistrationView(r.id(), r.eventId(), r.status().name(), Messages.labels(r.status()), r.statusReason(),
                r.civility() == null ? null : r.civility().name(), r.name().firstName(), r.name().lastName(),
                r.name().arabicName(), r.titleFr(), r.titleAr(), r.category().name(), Messages.labels(r.category()),
                r.organisation(), r.region() == null ? null : r.region().name(), r.email(), r.mobile(),
                r.languages().code(), r.workshops(), r.source().name(),
                r.currentLetter().map(l -> new Letter(l.version(), l.reference(), l.sha256(),
                        l.generatedAt().toString())).orElse(null),
                notifications.stream().map(NoticeView::of).toList(),
                r.createdAt().toString(), r.updatedAt().toString());
    }

}
