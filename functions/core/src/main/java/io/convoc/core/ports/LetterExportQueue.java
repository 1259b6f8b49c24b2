package io.convoc.core.ports;

/** Where export requests wait for the export function (SQS in AWS). */
public interface LetterExportQueue {
    void submit(String exportId);
}
