package io.convoc.core.ports;

import io.convoc.core.letters.LetterExport;

import java.time.Instant;
import java.util.Optional;

/** Print-ready exports and where each stands; every change of state is conditional on the state it leaves. */
public interface LetterExportRepository {

    /** Stores a new export (QUEUED). */
    void create(LetterExport export);

    Optional<LetterExport> find(String exportId);

    /**
     * Marks the export RUNNING (from QUEUED, or RUNNING again when an attempt died and the request came back) and
     * counts the attempt; the first start time is kept.
     *
     * @return the export as started, or empty when it is finished already (READY or FAILED) or unknown
     */
    Optional<LetterExport> start(String exportId, Instant at);

    /** RUNNING → READY, with the file and its counts. */
    void ready(String exportId, String key, int letters, int skipped, int pages, int coverPages, long bytes,
               Instant at);

    /** RUNNING or QUEUED → FAILED, with the reason. */
    void fail(String exportId, String reason, Instant at);
}
