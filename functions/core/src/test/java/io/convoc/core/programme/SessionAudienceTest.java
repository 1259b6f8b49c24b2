package io.convoc.core.programme;

import io.convoc.core.TestProgrammes;
import io.convoc.core.announcements.InMemoryRegistrations;
import io.convoc.core.event.Programme;
import org.junit.jupiter.api.Test;

import static io.convoc.core.announcements.InMemoryRegistrations.person;
import static io.convoc.core.announcements.InMemoryRegistrations.withMobile;
import static io.convoc.core.announcements.InMemoryRegistrations.withWorkshops;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionAudienceTest {
    private final InMemoryRegistrations registrations = new InMemoryRegistrations();
    private final SessionAudience audience = new SessionAudience(registrations);
    private final Programme programme = TestProgrammes.assises();

    @Test
    void aWorkshopsEditReachesItsParticipantsOnlyAndCountsThoseWithAMobile() {
        registrations.create(withMobile(withWorkshops(person("a"), "ws-stress-hydrique"), "+212661234567"));
        registrations.create(withWorkshops(person("b"), "ws-stress-hydrique", "ws-numerique"));
        registrations.create(withWorkshops(person("c"), "ws-numerique"));
        registrations.create(person("d"));

        assertEquals(new SessionAudience.Count(2, 1),
                audience.of("assises-2024", programme.session("ws-stress-hydrique").orElseThrow()));
    }

    @Test
    void aPlenarysEditReachesEveryoneRegisteredAcrossPages() {
        for (int i = 0; i < 250; i++) {
            registrations.create(i % 2 == 0 ? person("p" + i) : withWorkshops(person("p" + i), "ws-numerique"));
        }
        assertEquals(new SessionAudience.Count(250, 0),
                audience.of("assises-2024", programme.session("opening").orElseThrow()));
    }
}
