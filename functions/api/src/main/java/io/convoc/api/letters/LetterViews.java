package io.convoc.api.letters;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Language;
import io.convoc.core.letters.LetterDesk;
import io.convoc.core.letters.LetterDownload;
import io.convoc.core.letters.LetterExport;
import io.convoc.core.letters.LetterSelection;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * What the protocol office reads about letters. Never contact data: no e-mail address, no mobile number, in any of
 * these views, whatever the caller's role (organizers read those through the registrations).
 */
final class LetterViews {
    private LetterViews() {
    }

    /** Who did something, as the audit shows it (the token's subject is kept for the by-user listing). */
    @Serdeable
    record By(@Nullable String subject, @Nullable String userName, @Nullable String role) {
    }

    @Serdeable
    record LastDownload(String at, By by, int version, String kind) {
        static LastDownload of(LetterDownload d) {
            return d == null ? null : new LastDownload(iso(d.at()), new By(d.by().subject(), d.by().userName(),
                    d.by().role()), d.version(), d.kind().name());
        }
    }

    @Serdeable
    record LetterView(String registrationId, String eventId, @Nullable Bilingual civility, String firstName,
                      String lastName, String arabicName, String titleFr, String titleAr, String category,
                      Bilingual categoryLabel, @Nullable String region, @Nullable Bilingual regionLabel,
                      @Nullable String reference, int version, @Nullable String generatedAt, String status,
                      Bilingual statusLabel, @Nullable String statusReason, @Nullable LastDownload lastDownload) {
        static LetterView of(LetterDesk.Listed listed) {
            Registration r = listed.registration();
            LetterInfo letter = r.letter();
            return new LetterView(r.id(), r.eventId(), r.civility() == null ? null : Messages.labels(r.civility()),
                    r.name().firstName(), r.name().lastName(), r.name().arabicName(), r.titleFr(), r.titleAr(),
                    r.category().name(), Messages.labels(r.category()), r.region() == null ? null : r.region().name(),
                    r.region() == null ? null : Messages.labels(r.region()),
                    letter == null ? null : letter.reference(), letter == null ? 0 : letter.version(),
                    letter == null ? null : iso(letter.generatedAt()), r.status().name(), Messages.labels(r.status()),
                    r.statusReason(), LastDownload.of(listed.lastDownload()));
        }
    }

    @Serdeable
    record LetterPage(@JsonInclude(JsonInclude.Include.ALWAYS) List<LetterView> items, @Nullable String nextCursor) {
    }

    /** A letter's five-minute link, for a browser that opens it itself. */
    @Serdeable
    record LinkView(String url, String expiresAt, String reference, int version) {
    }

    @Serdeable
    record DownloadView(String id, String registrationId, @Nullable String eventId, String at, By by,
                        @Nullable String sourceIp, @Nullable String userAgent, int version, String reference,
                        String kind, @Nullable String exportId) {
        static DownloadView of(LetterDownload d) {
            return new DownloadView(d.id(), d.registrationId(), d.eventId(), iso(d.at()),
                    new By(d.by().subject(), d.by().userName(), d.by().role()), blank(d.by().sourceIp()),
                    blank(d.by().userAgent()), d.version(), d.reference(), d.kind().name(), d.exportId());
        }
    }

    @Serdeable
    record DownloadPage(@JsonInclude(JsonInclude.Include.ALWAYS) List<DownloadView> items, @Nullable String nextCursor) {
    }

    @Serdeable
    record SelectionView(String eventId, @Nullable String category, @Nullable String region,
                         @Nullable String workshop, @Nullable String status, @Nullable List<String> registrationIds) {
        static SelectionView of(LetterSelection s) {
            return new SelectionView(s.eventId(), s.category() == null ? null : s.category().name(),
                    s.region() == null ? null : s.region().name(), s.workshop(),
                    s.status() == null ? null : s.status().name(), s.explicit() ? s.registrationIds() : null);
        }
    }

    /** An export and where it stands; {@code link} (5 minutes) once it is READY. */
    @Serdeable
    record ExportView(String id, String state, Bilingual stateLabel, SelectionView selection, By requestedBy,
                      String requestedAt, @Nullable String startedAt, @Nullable String finishedAt, int letters,
                      int skipped, int pages, int coverPages, long bytes, @Nullable String reason,
                      @Nullable String link, @Nullable String linkExpires) {
        static ExportView of(LetterExport e, @Nullable LetterLinks.Link link) {
            String state = e.state().name();
            return new ExportView(e.id(), state, Bilingual.of(Messages.text(Language.FR, "letterExportState." + state),
                    Messages.text(Language.AR, "letterExportState." + state)), SelectionView.of(e.selection()),
                    new By(e.requestedBy().subject(), e.requestedBy().userName(), e.requestedBy().role()),
                    iso(e.requestedAt()), iso(e.startedAt()), iso(e.finishedAt()), e.letters(), e.skipped(), e.pages(),
                    e.coverPages(), e.bytes(), e.reason(), link == null ? null : link.url().toString(),
                    link == null ? null : iso(link.expires()));
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
