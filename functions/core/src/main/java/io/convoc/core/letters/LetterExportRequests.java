package io.convoc.core.letters;

import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.LetterExportQueue;
import io.convoc.core.ports.LetterExportRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Asking for an export: the selection is checked (the event exists, the workshop is one of its programme, an explicit
 * list is not too long), the export is stored QUEUED and its request queued for the export function.
 */
public final class LetterExportRequests {
    private final ProgrammeRepository programmes;
    private final LetterExportRepository exports;
    private final LetterExportQueue queue;
    private final Clock clock;
    private final Supplier<String> ids;

    public LetterExportRequests(ProgrammeRepository programmes, LetterExportRepository exports,
                                LetterExportQueue queue, Clock clock) {
        this(programmes, exports, queue, clock, () -> UUID.randomUUID().toString());
    }

    public LetterExportRequests(ProgrammeRepository programmes, LetterExportRepository exports,
                                LetterExportQueue queue, Clock clock, Supplier<String> ids) {
        this.programmes = programmes;
        this.exports = exports;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Stores and queues an export of the selection.
     *
     * @throws InvalidInput for a workshop not in the programme, or an explicit list that is too long or has blanks
     * @throws UnknownEvent for an event that does not exist
     */
    public LetterExport request(LetterSelection selection, Requester by) {
        Programme programme = programmes.find(selection.eventId())
                .orElseThrow(() -> new UnknownEvent(selection.eventId()));
        List<FieldError> errors = new ArrayList<>();
        if (selection.workshop() != null && !programme.workshopIds().contains(selection.workshop())) {
            errors.add(FieldError.of("workshop", "unknown_workshop", selection.workshop()));
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : selection.registrationIds()) {
            if (id == null || id.isBlank()) {
                errors.add(FieldError.of("registrationIds", "required"));
                break;
            }
            unique.add(id.strip());
        }
        if (unique.size() > LetterSelection.MAX_IDS) {
            errors.add(FieldError.of("registrationIds", "too_many_items", LetterSelection.MAX_IDS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        LetterSelection checked = new LetterSelection(selection.eventId(), selection.category(), selection.region(),
                selection.workshop(), selection.status(), List.copyOf(unique));
        LetterExport export = LetterExport.queued(ids.get(), checked, by, clock.instant());
        exports.create(export);
        queue.submit(export.id());
        return export;
    }

    public Optional<LetterExport> find(String exportId) {
        return exports.find(exportId);
    }
}
