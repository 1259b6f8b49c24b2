package io.convoc.core.ports;

import io.convoc.core.event.Programme;

import java.util.Optional;

/** Events and their programmes. */
public interface ProgrammeRepository {
    Optional<Programme> find(String eventId);

    /** Stores the event and all its sessions, replacing what was there. */
    void save(Programme programme);
}
