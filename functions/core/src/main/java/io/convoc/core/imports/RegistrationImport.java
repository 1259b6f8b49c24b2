package io.convoc.core.imports;

import io.convoc.core.registration.DuplicateRegistration;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.registration.RegistrationService;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports an organizer's invitee list (CSV, UTF-8, comma or semicolon separated, French or Arabic
 * headers). Every row is answered; rows already registered are reported, not stored twice, so
 * running the same import again creates nothing new.
 */
public class RegistrationImport {
    public static final int MAX_ROWS = 5000;

    private final RegistrationService registrations;

    public RegistrationImport(RegistrationService registrations) {
        this.registrations = registrations;
    }

    /**
     * @throws InvalidInput for a file that cannot be read as a list at all (no header, unknown or
     *                      missing columns, too many rows); nothing is stored then
     */
    public ImportReport importCsv(String eventId, String csv) {
        registrations.programmeOf(eventId);
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<CSVRecord> records;
        Map<ImportColumn, Integer> columns;
        try (CSVParser parser = format(text).parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            columns = columns(header);
            records = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (isBlank(record)) {
                    continue;
                }
                records.add(record);
                if (records.size() > MAX_ROWS) {
                    throw new InvalidInput(FieldError.of("file", "too_many_rows", MAX_ROWS));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInput(FieldError.of("file", "unreadable_csv", e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new InvalidInput(FieldError.of("file", "unreadable_csv", e.getCause().getMessage()));
        }
        if (records.isEmpty()) {
            throw new InvalidInput(FieldError.of("file", "no_rows"));
        }
        List<ImportRow> results = new ArrayList<>(records.size());
        for (CSVRecord record : records) {
            results.add(importRow(eventId, record, columns));
        }
        return ImportReport.of(eventId, results);
    }

    private ImportRow importRow(String eventId, CSVRecord record, Map<ImportColumn, Integer> columns) {
        int row = (int) record.getRecordNumber() + 1;
        String email = value(record, columns, ImportColumn.EMAIL);
        RegistrationRequest request = new RegistrationRequest(eventId,
                value(record, columns, ImportColumn.CIVILITY),
                value(record, columns, ImportColumn.FIRST_NAME),
                value(record, columns, ImportColumn.LAST_NAME),
                value(record, columns, ImportColumn.ARABIC_NAME),
                value(record, columns, ImportColumn.TITLE_FR),
                value(record, columns, ImportColumn.TITLE_AR),
                value(record, columns, ImportColumn.CATEGORY),
                value(record, columns, ImportColumn.ORGANISATION),
                value(record, columns, ImportColumn.REGION),
                email,
                value(record, columns, ImportColumn.MOBILE),
                value(record, columns, ImportColumn.LANGUAGES),
                splitList(value(record, columns, ImportColumn.WORKSHOPS)));
        try {
            Registration created = registrations.register(request, RegistrationSource.IMPORT);
            return new ImportRow(row, ImportRow.Outcome.CREATED, created.id(), created.email(), List.of());
        } catch (DuplicateRegistration d) {
            return new ImportRow(row, ImportRow.Outcome.ALREADY_REGISTERED, d.existingId(), email, List.of());
        } catch (InvalidInput invalid) {
            return new ImportRow(row, ImportRow.Outcome.REJECTED, null, email, invalid.errors());
        }
    }

    private static CSVFormat format(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(false)
                .get();
    }

    private static Map<ImportColumn, Integer> columns(List<String> header) {
        Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Optional<ImportColumn> column = ImportColumn.forHeader(name);
            if (column.isEmpty()) {
                errors.add(FieldError.of(name, "unknown_column", name));
            } else if (columns.putIfAbsent(column.get(), i) != null) {
                errors.add(FieldError.of(name, "duplicate_column", name));
            }
        }
        if (!columns.containsKey(ImportColumn.EMAIL)) {
            errors.add(FieldError.of("email", "missing_column", "email"));
        }
        if (!columns.containsKey(ImportColumn.CATEGORY)) {
            errors.add(FieldError.of("category", "missing_column", "category"));
        }
        if (!columns.containsKey(ImportColumn.LAST_NAME) && !columns.containsKey(ImportColumn.ARABIC_NAME)) {
            errors.add(FieldError.of("lastName", "missing_column", "lastName"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return columns;
    }

    private static String value(CSVRecord record, Map<ImportColumn, Integer> columns, ImportColumn column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String v = record.get(index);
        return v == null || v.isBlank() ? null : v;
    }

    private static List<String> splitList(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("[|;,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isBlank(CSVRecord record) {
        for (String v : record) {
            if (v != null && !v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
