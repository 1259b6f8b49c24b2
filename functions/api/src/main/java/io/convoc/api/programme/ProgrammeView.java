package io.convoc.api.programme;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Programme;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An event's programme: the event's name and days, and its sessions in chronological order. */
@Serdeable
public record ProgrammeView(String eventId, Bilingual name, String startDate, String endDate, String zone,
                            List<SessionView> sessions) {

    public static ProgrammeView of(Programme p) {
        return new ProgrammeView(p.event().id(), p.event().name(), p.event().startDate().toString(),
                p.event().endDate().toString(), p.event().zone().getId(),
                p.sessions().stream().map(SessionView::of).toList());
    }
}
