package io.convoc.core.validation;

import java.util.List;

/** Input refused, with every field error found (not only the first). */
public class InvalidInput extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.code()).reduce((a, b) -> a + ", " + b).orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
