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
    public static final int DEFAULT_PARALLELISM = 8;

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

    /** Rows a worker stores at once: a few transactions of up to 100 items each. */
    static final int CHUNK = 50;

    /**
     * Every row checked (in parallel: parsing names and phone numbers is the CPU's work), the programme read once
     * and the addresses already registered read 100 at a time; then the new registrations stored
     * {@link #parallelism} chunks at a time, many in one transaction. A second row with an address an earlier row of
     * the file has is already registered, as the earlier one: the report does not depend on timing, and a second run
     * of the file finds every address claimed and creates nothing.
     */
    private List<ImportRow> importRows(String eventId, Programme programme, List<CSVRecord> records,
                                       Map<ImportColumn, Integer> columns) {
        List<String> emails = new ArrayList<>();
        for (CSVRecord r : records) {
            String e = value(r, columns, ImportColumn.EMAIL);
            String plain = e == null ? null : io.convoc.core.validation.TextRules.withoutMarks(e);
            if (plain != null && !plain.isEmpty() && plain.length() <= 254 && plain.indexOf('@') > 0
                    && plain.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                emails.add(plain);
            }
        }
        Map<String, String> claimed = registrations.registeredIds(programme.event().id(), emails);

        ImportRow[] results = new ImportRow[records.size()];
        Registration[] prepared = new Registration[records.size()];
        java.util.stream.IntStream.range(0, records.size()).parallel().forEach(i -> {
            CSVRecord record = records.get(i);
            int row = (int) record.getRecordNumber() + 1;
            String email = value(record, columns, ImportColumn.EMAIL);
            try {
                prepared[i] = registrations.prepare(request(eventId, record, columns), RegistrationSource.IMPORT,
                        programme, claimed);
            } catch (DuplicateRegistration d) {
                results[i] = new ImportRow(row, ImportRow.Outcome.ALREADY_REGISTERED, d.existingId(), email, List.of());
            } catch (InvalidInput invalid) {
                results[i] = new ImportRow(row, ImportRow.Outcome.REJECTED, null, email, invalid.errors());
            }
        });

        Map<String, Registration> firstOfAddress = new java.util.HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < prepared.length; i++) {
            Registration r = prepared[i];
            if (r == null) {
                continue;
            }
            Registration first = firstOfAddress.putIfAbsent(Registration.emailKey(r.email()), r);
            if (first != null) {
                results[i] = new ImportRow(row(records.get(i)), ImportRow.Outcome.ALREADY_REGISTERED, first.id(),
                        value(records.get(i), columns, ImportColumn.EMAIL), List.of());
            } else {
                pending.add(i);
            }
        }

        List<List<Integer>> chunks = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += CHUNK) {
            chunks.add(pending.subList(from, Math.min(pending.size(), from + CHUNK)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, chunks.size())), r -> {
            Thread t = new Thread(r, "import");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>(chunks.size());
            for (List<Integer> chunk : chunks) {
                done.add(pool.submit(() -> store(chunk, prepared, records, columns, results)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
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

    private void store(List<Integer> chunk, Registration[] prepared, List<CSVRecord> records,
                       Map<ImportColumn, Integer> columns, ImportRow[] results) {
        List<Registration> batch = chunk.stream().map(i -> prepared[i]).toList();
        List<String> existing;
        try {
            existing = registrations.createAll(batch);
        } catch (RuntimeException e) {
            // a store that failed (throttled past its retries…): the rest of the report still comes back, and
            // running the file again stores what is missing without duplicating anything
            for (int i : chunk) {
                results[i] = new ImportRow(row(records.get(i)), ImportRow.Outcome.REJECTED, null,
                        value(records.get(i), columns, ImportColumn.EMAIL),
                        List.of(FieldError.of("row", "row_not_saved")));
            }
            return;
        }
        for (int n = 0; n < chunk.size(); n++) {
            int i = chunk.get(n);
            Registration r = prepared[i];
            results[i] = existing.get(n) == null
                    ? new ImportRow(row(records.get(i)), ImportRow.Outcome.CREATED, r.id(), r.email(), List.of())
                    : new ImportRow(row(records.get(i)), ImportRow.Outcome.ALREADY_REGISTERED, existing.get(n),
                    value(records.get(i), columns, ImportColumn.EMAIL), List.of());
        }
    }

    private static int row(CSVRecord record) {
        return (int) record.getRecordNumber() + 1;
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

    private static RegistrationRequest request(String eventId, CSVRecord record, Map<ImportColumn, Integer> columns) {
        return new RegistrationRequest(eventId,
                value(record, columns, ImportColumn.CIVILITY),
                value(record, columns, ImportColumn.FIRST_NAME),
                value(record, columns, ImportColumn.LAST_NAME),
                value(record, columns, ImportColumn.ARABIC_NAME),
                value(record, columns, ImportColumn.TITLE_FR),
                value(record, columns, ImportColumn.TITLE_AR),
                value(record, columns, ImportColumn.CATEGORY),
                value(record, columns, ImportColumn.ORGANISATION),
                value(record, columns, ImportColumn.REGION),
                value(record, columns, ImportColumn.EMAIL),
                value(record, columns, ImportColumn.MOBILE),
                value(record, columns, ImportColumn.LANGUAGES),
                splitList(value(record, columns, ImportColumn.WORKSHOPS)));
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
