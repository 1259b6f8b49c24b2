package io.convoc.core.letters;

import io.convoc.core.event.Programme;
import io.convoc.core.ports.ExportFiles;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterBinder;
import io.convoc.core.ports.LetterDownloadLog;
import io.convoc.core.ports.LetterExportRepository;
import io.convoc.core.ports.Page;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationQuery;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Makes an export: reads the selected registrations in protocol order a page at a time, fetches each one's current
 * letter and hands it to the binder (which keeps it on disk, not in memory), writes the bound file to its key in
 * parts, records every letter bound in the audit, then marks the export READY.
 *
 * <p>Run again for the same export (a message delivered twice, an attempt that died), it does nothing once the export
 * is finished, and otherwise makes the same file at the same key and writes the same audit entries (their time is the
 * export's first start). A failure is retried by the queue; on the last attempt, or when the work cannot fit the
 * invocation, the export is marked FAILED with the reason.
 */
public final class LetterExporter {
    /** Registrations read per page. */
    static final int PAGE = 100;

    private final ProgrammeRepository programmes;
    private final RegistrationRepository registrations;
    private final LetterExportRepository exports;
    private final LetterArchive archive;
    private final LetterBinder binder;
    private final ExportFiles files;
    private final LetterDownloadLog log;
    private final Clock clock;
    private final Executor fetchers;

    /**
     * @param fetchers where the letters of a page are fetched, several at a time (S3 answers each in tens of
     *                 milliseconds: one after the other, 2,000 letters would wait a minute on the network alone)
     */
    public LetterExporter(ProgrammeRepository programmes, RegistrationRepository registrations,
                          LetterExportRepository exports, LetterArchive archive, LetterBinder binder, ExportFiles files,
                          LetterDownloadLog log, Clock clock, Executor fetchers) {
        this.programmes = programmes;
        this.registrations = registrations;
        this.exports = exports;
        this.archive = archive;
        this.binder = binder;
        this.files = files;
        this.log = log;
        this.clock = clock;
        this.fetchers = fetchers;
    }

    public enum Outcome { READY, FAILED, ALREADY_FINISHED, UNKNOWN }

    /** Why an export failed, as kept in its {@code reason} (a code, then details for the operators). */
    public static final String NO_LETTERS = "no_letters";
    public static final String UNKNOWN_EVENT = "unknown_event";
    public static final String TOO_LONG = "too_long";
    public static final String ERROR = "error";

    /** Stops an export that cannot end within the invocation: retrying would end the same way. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime(int bound) {
            super(bound + " letters bound when the time ran out");
        }
    }

    /**
     * @param lastAttempt whether the queue will not deliver the request again: a failure then marks the export FAILED
     * @param moreTime    false when the invocation has no time left for another letter and the file
     * @throws RuntimeException a failure to retry (the export stays RUNNING), unless {@code lastAttempt}
     */
    public Outcome run(String exportId, boolean lastAttempt, BooleanSupplier moreTime) {
        Optional<LetterExport> started = exports.start(exportId, clock.instant());
        if (started.isEmpty()) {
            return exports.find(exportId).isPresent() ? Outcome.ALREADY_FINISHED : Outcome.UNKNOWN;
        }
        LetterExport export = started.get();
        try {
            return make(export, moreTime);
        } catch (OutOfTime e) {
            exports.fail(exportId, TOO_LONG + ": " + e.getMessage(), clock.instant());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            if (lastAttempt) {
                exports.fail(exportId, ERROR + ": " + e, clock.instant());
                return Outcome.FAILED;
            }
            throw e;
        }
    }

    private Outcome make(LetterExport export, BooleanSupplier moreTime) {
        LetterSelection selection = export.selection();
        Optional<Programme> programme = programmes.find(selection.eventId());
        if (programme.isEmpty()) {
            exports.fail(export.id(), UNKNOWN_EVENT + ": " + selection.eventId(), clock.instant());
            return Outcome.FAILED;
        }
        // the audit time of every letter of this export: its first start, the same in every attempt
        Instant at = export.startedAt() == null ? clock.instant() : export.startedAt();
        List<LetterDownload> bound = new ArrayList<>();
        int[] skipped = {0};
        try (LetterBinder.Binding binding = binder.open(programme.get(), selection, at)) {
            forEachPage(selection, page -> {
                if (!moreTime.getAsBoolean()) {
                    throw new OutOfTime(bound.size());
                }
                // the page's letters fetched together, then bound in order
                List<CompletableFuture<byte[]>> fetched = page.stream().map(r -> r.currentLetter()
                        .map(l -> CompletableFuture.supplyAsync(() -> archive.fetch(l.key()).orElse(null), fetchers))
                        .orElse(CompletableFuture.completedFuture(null))).toList();
                for (int i = 0; i < page.size(); i++) {
                    Registration r = page.get(i);
                    byte[] pdf = join(fetched.get(i));
                    if (pdf == null) {
                        skipped[0]++;
                        continue;
                    }
                    LetterInfo letter = r.letter();
                    binding.add(new LetterBinder.Entry(r.id(), letter.reference(), r.name(), r.category(),
                            letter.version()), pdf);
                    bound.add(new LetterDownload(export.id(), r.id(), r.eventId(), at, export.requestedBy(),
                            letter.version(), letter.reference(), LetterDownload.Kind.EXPORT, export.id()));
                }
            }, skipped);
            if (bound.isEmpty()) {
                exports.fail(export.id(), NO_LETTERS + ": " + skipped[0] + " selected without a letter",
                        clock.instant());
                return Outcome.FAILED;
            }
            if (!moreTime.getAsBoolean()) {
                throw new OutOfTime(bound.size());
            }
            String key = LetterExport.keyOf(selection.eventId(), export.id());
            LetterBinder.Bound result;
            long bytes;
            try (ExportFiles.Upload upload = files.open(key)) {
                result = binding.writeTo(upload.out());
                bytes = upload.complete();
            }
            log.recordAll(bound);
            exports.ready(export.id(), key, bound.size(), skipped[0], result.pages(), result.coverPages(), bytes,
                    clock.instant());
            return Outcome.READY;
        }
    }

    private static byte[] join(CompletableFuture<byte[]> fetch) {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The selected registrations of the export's event in protocol order, a page at a time: a filter reads the index a page at a time;
     * an explicit list is read in batches and put in protocol order (registrations of another event, or that the
     * filters leave out, count as skipped).
     */
    private void forEachPage(LetterSelection selection, Consumer<List<Registration>> action, int[] skipped) {
        RegistrationQuery query = selection.query();
        if (selection.explicit()) {
            List<Registration> found = new ArrayList<>();
            List<String> ids = selection.registrationIds();
            for (int i = 0; i < ids.size(); i += PAGE) {
                found.addAll(registrations.findAll(ids.subList(i, Math.min(ids.size(), i + PAGE))));
            }
            skipped[0] += ids.size() - found.size();
            List<Registration> ordered = found.stream()
                    .filter(r -> {
                        boolean kept = r.eventId().equals(selection.eventId()) && query.keeps(r)
                                && (query.category() == null || query.category() == r.category())
                                && (query.workshop() == null || r.workshops().contains(query.workshop()));
                        if (!kept) {
                            skipped[0]++;
                        }
                        return kept;
                    })
                    .sorted(Comparator.comparing(Registration::protocolKey))
                    .toList();
            for (int i = 0; i < ordered.size(); i += PAGE) {
                action.accept(ordered.subList(i, Math.min(ordered.size(), i + PAGE)));
            }
            return;
        }
        String cursor = null;
        do {
            Page<Registration> page = registrations.list(selection.eventId(), query, cursor, PAGE);
            if (!page.items().isEmpty()) {
                action.accept(page.items());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
