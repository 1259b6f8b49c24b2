package io.convoc.core.event;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** An event with its sessions, in chronological order. */
public record Programme(Event event, List<ProgrammeSession> sessions) {

    public Programme {
        sessions = sessions.stream()
                .sorted(Comparator.comparing(ProgrammeSession::start).thenComparing(ProgrammeSession::id))
                .toList();
    }

    public Optional<ProgrammeSession> session(String id) {
        return sessions.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every workshop of the programme, cancelled ones included (their participants can still be listed). */
    public Set<String> workshopIds() {
        return sessions.stream().filter(ProgrammeSession::isWorkshop).map(ProgrammeSession::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What an invitee attends: every plenary, and the workshops they chose; cancelled sessions are not attended. */
    public List<ProgrammeSession> attendedBy(List<String> chosenWorkshops) {
        return sessions.stream()
                .filter(s -> !s.isCancelled())
                .filter(s -> !s.isWorkshop() || chosenWorkshops.contains(s.id()))
                .toList();
    }

    /** The programme with one session added or replaced. */
    public Programme with(ProgrammeSession session) {
        List<ProgrammeSession> others = sessions.stream().filter(s -> !s.id().equals(session.id())).toList();
        return new Programme(event, java.util.stream.Stream.concat(others.stream(), java.util.stream.Stream.of(session))
                .toList());
    }
}
