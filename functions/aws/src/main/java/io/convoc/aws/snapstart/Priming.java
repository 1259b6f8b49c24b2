package io.convoc.aws.snapstart;

/**
 * Work a function does once before Lambda takes its SnapStart snapshot, so that what its first event would load
 * and warm (SDK request pipeline, templates, fonts) is already in the snapshot every new instance is restored from.
 * It must have no effect anyone could see: nothing sent, nothing written.
 */
public interface Priming {

    /** What it warms, for the log line. */
    String what();

    void prime();
}
