package io.convoc.core.csv;

import java.util.List;

/**
 * Writing cells of a CSV file a person opens in a spreadsheet (letters lists, import reports, announcement
 * reports): every CSV the project exports goes through here. Values are stored as typed ("=HYPERLINK(…)" is a
 * valid organisation name to keep), and neutralised only on the way out: a cell that a spreadsheet would read as a
 * formula (first character {@code = + - @}, their full-width forms, or a tab or carriage return) gets a leading
 * apostrophe, so Excel, LibreOffice and Google Sheets show it as text (OWASP "CSV injection"). Cells are quoted as
 * RFC 4180 asks when they hold the separator, a quote or a line break.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The value as a spreadsheet must show it: text, never a formula. Null becomes empty. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return startsLikeAFormula(value) ? "'" + value : value;
    }

    static boolean startsLikeAFormula(String value) {
        int first = value.codePointAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\n' || first == 0xFF1D || first == 0xFF0B || first == 0xFF0D || first == 0xFF20;
    }

    /** One cell, neutralised and quoted when needed. */
    public static String cell(String value, char separator) {
        String v = neutralise(value);
        boolean quote = v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** One line of the file, CRLF-terminated as RFC 4180 writes it. */
    public static String row(List<String> values, char separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(cell(values.get(i), separator));
        }
        return sb.append("\r\n").toString();
    }
}
