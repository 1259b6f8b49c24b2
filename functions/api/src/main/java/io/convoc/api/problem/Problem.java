package io.convoc.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An RFC 9457 problem detail, with the fields in error named. */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail,
                      @Nullable List<FieldProblem> errors, @Nullable String existingId) {

    @Serdeable
    public record FieldProblem(String field, String code, String message) {
    }
}
