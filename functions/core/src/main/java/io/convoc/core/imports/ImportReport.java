package io.convoc.core.imports;

import java.util.List;

/** The answer to an import: one entry per data row, in file order, and the totals. */
public record ImportReport(String eventId, int rows, int created, int alreadyRegistered, int rejected,
                           List<ImportRow> results) {

    public static ImportReport of(String eventId, List<ImportRow> results) {
        int created = 0;
        int already = 0;
        int rejected = 0;
        for (ImportRow r : results) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case ALREADY_REGISTERED -> already++;
                case REJECTED -> rejected++;
            }
        }
        return new ImportReport(eventId, results.size(), created, already, rejected, List.copyOf(results));
    }
}
