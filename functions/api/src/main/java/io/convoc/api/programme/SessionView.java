package io.convoc.api.programme;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.validation.Messages;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A programme session as the API shows it. {@code etag} is what a write names in {@code If-Match} (the session's
 * version, quoted as HTTP writes entity tags).
 */
@Serdeable
public record SessionView(String id, String kind, Bilingual kindLabel, Bilingual title, String start, String end,
                          Bilingual room, String status, Bilingual statusLabel, int version, String etag) {

    public static SessionView of(ProgrammeSession s) {
        return new SessionView(s.id(), s.kind().name(), Messages.labels(s.kind()), s.title(), s.start().toString(),
                s.end().toString(), s.room(), s.status().name(), Messages.labels(s.status()), s.version(), etag(s));
    }

    public static String etag(ProgrammeSession s) {
        return "\"" + s.version() + "\"";
    }
}
