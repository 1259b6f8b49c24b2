package io.convoc.core.programme;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.TextRules;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Organizers' edits of a programme: a new session, or a new version of one. Every write names the version it
 * edits, so that two organizers editing at once never lose an edit silently; cancelling is a status, never a delete.
 * The people concerned hear of it through the events table's stream ({@link ScheduleChanges}).
 */
public class ProgrammeEditor {
    static final int MAX_TITLE = 200;
    static final int MAX_ROOM = 100;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ProgrammeRepository programmes;

    public ProgrammeEditor(ProgrammeRepository programmes) {
        this.programmes = programmes;
    }

    public Programme programme(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInput(FieldError.of("eventId", "required"));
        }
        return programmes.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
    }

    /**
     * @throws InvalidInput naming every field in error (a room clash names both sessions)
     * @throws StaleSession when a session with this id exists already
     */
    public ProgrammeSession add(String eventId, SessionDraft draft) {
        Programme programme = programme(eventId);
        List<FieldError> errors = new ArrayList<>();
        String id = newId(draft, programme, errors);
        ProgrammeSession session = validate(programme, id, draft, null, errors);
        if (!programmes.saveSession(eventId, session, 0)) {
            throw new StaleSession(programme(eventId).session(id).orElse(session), 0);
        }
        return session;
    }

    /**
     * @throws UnknownSession when the event has no such session
     * @throws StaleSession   when the session is no longer at {@code expectedVersion}
     * @throws InvalidInput   naming every field in error
     */
    public ProgrammeSession update(String eventId, String sessionId, int expectedVersion, SessionDraft draft) {
        Programme programme = programme(eventId);
        ProgrammeSession current = programme.session(sessionId)
                .orElseThrow(() -> new UnknownSession(eventId, sessionId));
        if (current.version() != expectedVersion) {
            throw new StaleSession(current, expectedVersion);
        }
        ProgrammeSession edited = validate(programme, sessionId, draft, current, new ArrayList<>());
        if (edited.visible().equals(current.visible())) {
            return current; // nothing a person would see changed: no new version, nobody notified
        }
        if (!programmes.saveSession(eventId, edited, expectedVersion)) {
            ProgrammeSession now = programme(eventId).session(sessionId).orElse(current);
            throw new StaleSession(now, expectedVersion);
        }
        return edited;
    }

    private ProgrammeSession validate(Programme programme, String id, SessionDraft d, ProgrammeSession current,
                                      List<FieldError> errors) {
        SessionKind kind = current != null && blank(d.kind()) ? current.kind()
                : choice(SessionKind.class, "kind", d.kind(), errors);
        SessionStatus status = blank(d.status()) ? (current == null ? SessionStatus.SCHEDULED : current.status())
                : choice(SessionStatus.class, "status", d.status(), errors);
        String titleFr = text("title.fr", d.titleFr(), MAX_TITLE, errors);
        String titleAr = text("title.ar", d.titleAr(), MAX_TITLE, errors);
        String roomFr = text("room.fr", d.roomFr(), MAX_ROOM, errors);
        String roomAr = text("room.ar", d.roomAr(), MAX_ROOM, errors);
        LocalDateTime start = time("start", d.start(), errors);
        LocalDateTime end = time("end", d.end(), errors);
        Event event = programme.event();
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(FieldError.of("end", "end_before_start", start.toString()));
        }
        insideEvent("start", start, event, errors);
        insideEvent("end", end, event, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        ProgrammeSession session = new ProgrammeSession(id, kind, Bilingual.of(titleFr, titleAr), start, end,
                Bilingual.of(roomFr, roomAr), status, current == null ? 1 : current.version() + 1);
        List<FieldError> clashes = programme.sessions().stream().filter(session::clashesWith)
                .map(other -> FieldError.of("room.fr", "room_clash", session.title().fr(), other.title().fr(),
                        other.id(), other.start().toLocalTime().toString(), other.end().toLocalTime().toString()))
                .toList();
        if (!clashes.isEmpty()) {
            throw new InvalidInput(clashes);
        }
        return session;
    }

    private static void insideEvent(String field, LocalDateTime t, Event event, List<FieldError> errors) {
        if (t != null && (t.toLocalDate().isBefore(event.startDate()) || t.toLocalDate().isAfter(event.endDate()))) {
            errors.add(FieldError.of(field, "outside_event_dates", event.startDate().toString(),
                    event.endDate().toString()));
        }
    }

    private static String newId(SessionDraft d, Programme programme, List<FieldError> errors) {
        String id = d.id();
        if (blank(id)) {
            // "Atelier : l'eau" → "atelier-l-eau": readable in URLs and logs
            String base = java.text.Normalizer.normalize(blank(d.titleFr()) ? "" : d.titleFr(),
                            java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
            base = base.isEmpty() ? "session" : base.substring(0, Math.min(40, base.length())).replaceAll("-+$", "");
            id = base;
            for (int n = 2; programme.session(id).isPresent(); n++) {
                id = base + "-" + n;
            }
            return id;
        }
        id = id.strip();
        if (!ID.matcher(id).matches()) {
            errors.add(FieldError.of("id", "invalid_id"));
        }
        return id;
    }

    private static String text(String field, String value, int max, List<FieldError> errors) {
        String clean = TextRules.clean(value);
        if (blank(clean)) {
            errors.add(FieldError.of(field, "required"));
            return "";
        }
        TextRules.check(field, clean, max, errors);
        return clean;
    }

    private static LocalDateTime time(String field, String value, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(FieldError.of(field, "required"));
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "invalid_datetime", value.strip()));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(FieldError.of(field, "required"));
            return null;
        }
        Optional<E> parsed = java.util.Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(value.strip())).findFirst();
        if (parsed.isEmpty()) {
            errors.add(FieldError.of(field, "unknown_value", value.strip()));
            return null;
        }
        return parsed.get();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
