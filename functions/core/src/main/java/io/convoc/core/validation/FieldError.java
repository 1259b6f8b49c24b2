package io.convoc.core.validation;

import java.util.List;

/**
 * What is wrong with one field of an input, as a code a program can test and arguments for the
 * message a person reads (see {@link Messages}, keys {@code error.<code>}).
 */
public record FieldError(String field, String code, List<Object> args) {
    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static FieldError of(String field, String code, Object... args) {
        return new FieldError(field, code, List.of(args));
    }
}
