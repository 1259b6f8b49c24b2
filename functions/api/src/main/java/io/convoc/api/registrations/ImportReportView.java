package io.convoc.api.registrations;

import io.convoc.core.event.Language;
import io.convoc.core.imports.ImportReport;
import io.convoc.core.validation.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The per-row report of an import, with each error's message in the caller's language. */
@Serdeable
public record ImportReportView(String eventId, int rows, int created, int alreadyRegistered, int rejected,
                               List<Row> results) {

    @Serdeable
    public record Row(int row, String outcome, @Nullable String registrationId, @Nullable String email,
                      List<RowError> errors) {
    }

    @Serdeable
    public record RowError(String field, String code, String message) {
    }

    public static ImportReportView of(ImportReport report, Language language) {
        return new ImportReportView(report.eventId(), report.rows(), report.created(), report.alreadyRegistered(),
                report.rejected(), report.results().stream().map(r -> new Row(r.row(), r.outcome().name(),
                        r.registrationId(), r.email(), r.errors().stream()
                        .map(e -> new RowError(e.field(), e.code(), Messages.error(language, e))).toList()))
                        .toList());
    }
}
