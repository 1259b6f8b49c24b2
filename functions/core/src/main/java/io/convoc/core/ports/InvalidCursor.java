package io.convoc.core.ports;

/** A paging cursor that this service did not hand out, or that was altered. */
public class InvalidCursor extends RuntimeException {
    public InvalidCursor(String message, Throwable cause) {
        super(message, cause);
    }
}
