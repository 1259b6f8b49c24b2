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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.convoc.core.event.Programme;
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
    /** Rows written at once: each row is a lookup and a transaction, so an import waits on the network. */
    public static final int DEFAULT_PARALLELISM = 32;

    private final RegistrationService registrations;
    private final int parallelism;

    public RegistrationImport(RegistrationService registrations) {
        this(registrations, DEFAULT_PARALLELISM);
    }

    public RegistrationImport(RegistrationService registrations, int parallelism) {
        this.registrations = registrations;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * @throws InvalidInput for a file that cannot be read as a list at all (no header, unknown or
     *                      missing columns, too many rows); nothing is stored then
     */
    public ImportReport importCsv(String eventId, String csv) {
        Programme programme = registrations.programmeOf(eventId);
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        refuseIfNotUtf8(csv);
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
            throw new InvalidInput(FieldError.of("file", "unreadable_csv",
                    io.convoc.core.validation.TextRules.excerpt(String.valueOf(e.getMessage()), 160)));
        } catch (UncheckedIOException e) {
            throw new InvalidInput(FieldError.of("file", "unreadable_csv",
                    io.convoc.core.validation.TextRules.excerpt(String.valueOf(e.getCause().getMessage()), 160)));
        }
        if (records.isEmpty()) {
            throw new InvalidInput(FieldError.of("file", "no_rows"));
        }
        return ImportReport.of(eventId, importRows(eventId, programme, records, columns));
    }

    /**
     * Every row, {@link #parallelism} at a time, the programme read once. Rows of the same address are written one
     * after the other, in the file's order (the first is created, the next ones are already registered), so the
     * report does not depend on timing; a second run of the file finds every address claimed and creates nothing.
     */
    private List<ImportRow> importRows(String eventId, Programme programme, List<CSVRecord> records,
                                       Map<ImportColumn, Integer> columns) {
        ImportRow[] results = new ImportRow[records.size()];
        Map<String, List<Integer>> byAddress = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String email = value(records.get(i), columns, ImportColumn.EMAIL);
            String key = email == null ? "#row" + i : email.strip().toLowerCase(Locale.ROOT);
            byAddress.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        if (parallelism == 1 || records.size() == 1) {
            for (int i = 0; i < records.size(); i++) {
                results[i] = importRow(eventId, programme, records.get(i), columns);
            }
            return List.of(results);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, byAddress.size()), r -> {
            Thread t = new Thread(r, "import");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>(byAddress.size());
            for (List<Integer> group : byAddress.values()) {
                done.add(pool.submit(() -> {
                    for (int i : group) {
                        results[i] = importRow(eventId, programme, records.get(i), columns);
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return List.of(results);
    }

    /**
     * A file that was not UTF-8 reaches us with U+FFFD where its bytes could not be read (a Windows-1252 "CSV" saved
     * by Excel, "civilit\u00E9" as the byte E9): refused with the line and the byte offset of the first such place,
     * and what to do, rather than stored garbled. (The bytes before it were valid, so the offset is the file's.)
     */
    static void refuseIfNotUtf8(String csv) {
        int bad = csv.indexOf('\uFFFD');
        if (bad < 0) {
            return;
        }
        String before = csv.substring(0, bad);
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int offset = before.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        throw new InvalidInput(FieldError.of("file", "not_utf8_csv", line, offset));
    }

    private ImportRow importRow(String eventId, Programme programme, CSVRecord record,
                                Map<ImportColumn, Integer> columns) {
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
            Registration created = registrations.register(request, RegistrationSource.IMPORT, programme);
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
                String shown = io.convoc.core.validation.TextRules.excerpt(name);
                errors.add(FieldError.of(shown, "unknown_column", shown));
            } else if (columns.putIfAbsent(column.get(), i) != null) {
                String shown = io.convoc.core.validation.TextRules.excerpt(name);
                errors.add(FieldError.of(shown, "duplicate_column", shown));
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
