package io.convoc.core.ports;

import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;

import java.util.Optional;

/** Events and their programmes. */
public interface ProgrammeRepository {
    Optional<Programme> find(String eventId);

    /** Stores the event and all its sessions, replacing what was there (loading an event's data). */
    void save(Programme programme);

    /**
     * Stores one session if the stored one is still at {@code expectedVersion} (0: if there is none yet), so that two
     * organizers editing at once never lose an edit silently.
     *
     * @return false when the stored session is at another version (or exists already, for a new one)
     */
    boolean saveSession(String eventId, ProgrammeSession session, int expectedVersion);
}
