package io.convoc.core.imports;

import io.convoc.core.validation.FieldError;

import java.util.List;

/**
 * What happened to one row of an import. {@code row} is the line as a spreadsheet numbers it
 * (the header is row 1).
 */
public record ImportRow(int row, Outcome outcome, String registrationId, String email, List<FieldError> errors) {
    public enum Outcome {
        /** Stored now. */
        CREATED,
        /** The event already had this e-mail address (an earlier import, the form, or a row above): nothing stored. */
        ALREADY_REGISTERED,
        /** Refused; {@code errors} lists every problem of the row. */
        REJECTED
    }

    public ImportRow {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
