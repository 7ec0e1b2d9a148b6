package org.opencem.core.customer.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.opencem.core.http.ProblemException;

/**
 * An uploaded CSV file read record by record with FastCSV, never whole: UTF-8 (a byte order mark is
 * skipped), comma separated, RFC 4180 quoting (a quoted cell may span lines), empty lines skipped. What
 * is not such a file is answered 400 naming {@code file}, and so is U+FFFD, which is what bytes that are
 * not UTF-8 read as. Rows whose cell count differs from the header's are returned as they are, for the
 * caller to refuse one by one.
 */
final class CsvFile implements Closeable {

    /** Bounds that keep a hostile file from holding much memory in one record. */
    private static final int MAX_COLUMNS = 1_000;
    private static final int MAX_CELL_CHARS = 64 * 1024;
    private static final int MAX_ROW_CHARS = 1024 * 1024;
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final char REPLACEMENT = '\uFFFD';

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;

    private CsvFile(CsvReader<CsvRecord> reader) {
        this.reader = reader;
        this.records = reader.iterator();
    }

    /** @param file a CSV file @return it, opened at its first record @throws IOException if it cannot be opened */
    static CsvFile open(Path file) throws IOException {
        // Bytes that are not UTF-8 become U+FFFD, found per record, so the error names the right line.
        var utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .allowUnclosedQuote(false)
                .maxBufferSize(MAX_ROW_CHARS)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(CsvRecordHandler.of(h -> h.maxFields(MAX_COLUMNS).maxFieldSize(MAX_CELL_CHARS)
                        .maxRecordSize(MAX_ROW_CHARS)), new InputStreamReader(Files.newInputStream(file), utf8));
        return new CsvFile(reader);
    }

    /**
     * @return the column names of the first record, the header
     * @throws ProblemException 400 naming {@code file} when the file is empty or not CSV
     */
    List<String> header() {
        CsvRecord header = next().orElseThrow(() -> ProblemException.badField("file",
                "is empty: a CSV file starts with a header row naming its columns, for example email,name"));
        List<String> names = new ArrayList<>(header.getFields());
        if (names.get(0).startsWith(BYTE_ORDER_MARK)) {
            names.set(0, names.get(0).substring(1));
        }
        return names;
    }

    /**
     * @return the next record, if any
     * @throws ProblemException 400 naming {@code file} when the file is not CSV (or not UTF-8) there
     */
    Optional<CsvRecord> next() {
        CsvRecord record;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            record = records.next();
        } catch (CsvParseException e) {
            throw ProblemException.badField("file", "is not valid CSV: " + message(e));
        }
        if (record.getFields().stream().anyMatch(field -> field.indexOf(REPLACEMENT) >= 0)) {
            throw ProblemException.badField("file", "is not UTF-8 text (line " + record.getStartingLineNumber()
                    + "); save it as CSV UTF-8");
        }
        return Optional.of(record);
    }

    /** FastCSV's messages name lines and limits, never whole cells. */
    private static String message(CsvParseException e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
