package io.convoc.core.letters;

import java.time.Instant;
import java.util.Objects;

/**
 * A print-ready export: one PDF binding a cover page and the selected letters in protocol order, made by the export
 * function after the request is queued. {@code QUEUED → RUNNING → READY} (with the file's key and counts) or
 * {@code FAILED} (with the reason).
 *
 * @param letters letters bound (READY) or selected so far
 * @param skipped registrations selected that had no letter to bind (none yet, or of another event)
 * @param pages   pages of the file, cover included
 * @param coverPages pages of the cover alone
 * @param bytes   size of the file
 */
public record LetterExport(String id, LetterSelection selection, State state, Requester requestedBy,
                           Instant requestedAt, Instant startedAt, Instant finishedAt, String key, int letters,
                           int skipped, int pages, int coverPages, long bytes, String reason, int attempts) {

    public enum State { QUEUED, RUNNING, READY, FAILED }

    public LetterExport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public static LetterExport queued(String id, LetterSelection selection, Requester by, Instant at) {
        return new LetterExport(id, selection, State.QUEUED, by, at, null, null, null, 0, 0, 0, 0, 0, null, 0);
    }

    public boolean finished() {
        return state == State.READY || state == State.FAILED;
    }

    /** Where the file is kept: {@code exports/{eventId}/{exportId}.pdf}. */
    public static String keyOf(String eventId, String exportId) {
        return "exports/" + eventId + "/" + exportId + ".pdf";
    }
}
