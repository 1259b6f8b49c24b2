package io.convoc.api.programme;

import io.convoc.api.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A 412 problem that carries the session as it now is, so that the organizer sees what they would overwrite. */
@Serdeable
public record SessionConflict(String type, String title, int status, @Nullable String detail,
                              @Nullable List<Problem.FieldProblem> errors, SessionView current) {
}
