package io.convoc.api.announcements;

import io.convoc.core.announcements.AnnouncementRecipients;
import io.convoc.core.announcements.Announcements;
import io.convoc.core.ports.AnnouncementQueue;
import io.convoc.core.ports.AnnouncementRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The announcements service of the API. */
@Factory
public class AnnouncementFactory {

    @Singleton
    Announcements announcements(AnnouncementRepository announcements, ProgrammeRepository programmes,
                                AnnouncementRecipients recipients, AnnouncementQueue queue, Clock clock) {
        return new Announcements(announcements, programmes, recipients, queue, clock);
    }
}
