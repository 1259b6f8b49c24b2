package io.convoc.core.ports;

import java.io.OutputStream;

/**
 * Where export files are written (the letters bucket in AWS), as a stream sent in parts while it is written: a file
 * of thousands of letters is never held whole in memory.
 */
public interface ExportFiles {

    /** Starts writing the file at {@code key}. */
    Upload open(String key);

    interface Upload extends AutoCloseable {
        /** Where to write the file; nothing is visible at the key before {@link #complete()}. */
        OutputStream out();

        /** Sends what remains and makes the file visible; returns its size in bytes. */
        long complete();

        /** Drops what was sent (also what {@link #close()} does when the upload was not completed). */
        void abort();

        @Override
        default void close() {
            abort();
        }
    }
}
