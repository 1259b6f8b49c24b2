package io.convoc.core.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CsvCellsTest {
    @Test
    void formulasAreWrittenAsText() {
        assertEquals("'=HYPERLINK(\"http://x\";\"clic\")", CsvCells.neutralise("=HYPERLINK(\"http://x\";\"clic\")"));
        assertEquals("'+212612345678", CsvCells.neutralise("+212612345678"));
        assertEquals("'-2+3", CsvCells.neutralise("-2+3"));
        assertEquals("'@SUM(A1)", CsvCells.neutralise("@SUM(A1)"));
        assertEquals("'\t=1", CsvCells.neutralise("\t=1"));
        assertEquals("'＝1+1", CsvCells.neutralise("＝1+1"));
        assertEquals("Karim Alaoui", CsvCells.neutralise("Karim Alaoui"));
        assertEquals("كريم العلوي", CsvCells.neutralise("كريم العلوي"));
        assertEquals("", CsvCells.neutralise(null));
    }

    @Test
    void aRowReadsBackAsTheNeutralisedValuesWithNoCellStartingAFormula() throws Exception {
        List<String> values = List.of("=1+1", "a;b", "dit \"oui\"", "ligne\nsuivante", "-", "@", "N’Diaye");
        String line = CsvCells.row(values, ';');
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(line))) {
            CSVRecord record = parser.getRecords().get(0);
            assertEquals(values.size(), record.size());
            for (int i = 0; i < values.size(); i++) {
                assertEquals(CsvCells.neutralise(values.get(i)), record.get(i));
                assertFalse(CsvCells.startsLikeAFormula(record.get(i)), record.get(i));
            }
        }
    }
}
