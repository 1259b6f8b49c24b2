package io.convoc.api.problem;

import io.convoc.core.validation.FieldError;

/** A request refused by the API layer itself (size, media type, JSON shape), with its HTTP status. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String problem;
    private final java.util.List<FieldError> errors;

    public ApiException(int status, String problem, java.util.List<FieldError> errors) {
        super(problem + " " + errors);
        this.status = status;
        this.problem = problem;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String problem() {
        return problem;
    }

    public java.util.List<FieldError> errors() {
        return errors;
    }
}
