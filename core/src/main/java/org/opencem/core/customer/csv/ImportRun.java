package org.opencem.core.customer.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import going through its file a chunk of rows at a time, one transaction per chunk, so only a chunk
 * is ever in memory and a worker thread is never held for long. Chunks run one after another (possibly on
 * different worker threads, each call happening after the previous one returned). Logs counts, never values.
 */
final class ImportRun {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
    private static final int CHUNK_ROWS = 500;
    private static final long PROGRESS_EVERY = 10_000;

    private final String id = UUID.randomUUID().toString();
    private final PreparedImport prepared;
    private final Database database;
    private final ImportedRowWriter writer;
    private final ImportTally tally = new ImportTally();
    private CsvFile csv;
    private long nextProgress = PROGRESS_EVERY;

    ImportRun(PreparedImport prepared, Database database, ImportedRowWriter writer) {
        this.prepared = prepared;
        this.database = database;
        this.writer = writer;
    }

    /** @return this import's id, for the audit and server logs */
    String id() {
        return id;
    }

    /** Opens the file past its header. Blocking. @throws IOException if it cannot be read */
    void open() throws IOException {
        LOG.info("Customer import {}: {} rows to import", id, prepared.rows());
        csv = CsvFile.open(prepared.file());
        csv.header();
    }

    /** Reads and stores the next chunk of rows. Blocking. @return whether rows may remain */
    boolean nextChunk() {
        List<ParsedRow> rows = new ArrayList<>(CHUNK_ROWS);
        Optional<CsvRecord> record = Optional.empty();
        while (rows.size() < CHUNK_ROWS && (record = csv.next()).isPresent()) {
            rows.add(prepared.parser().parse(record.get()));
            tally.read();
        }
        if (!rows.isEmpty()) {
            tally.add(store(rows));
        }
        if (tally.rows() >= nextProgress) {
            LOG.info("Customer import {}: {} of {} rows done; {}", id, tally.rows(), prepared.rows(), report().counts());
            nextProgress = (tally.rows() / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
        }
        return record.isPresent();
    }

    /** @return what the import did so far */
    ImportReport report() {
        return tally.report();
    }

    /** Closes the file. Blocking. @throws IOException if closing fails */
    void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
    }

    private ImportTally store(List<ParsedRow> rows) {
        try {
            return database.dsl().transactionResult(configuration -> storeAll(configuration.dsl(), rows));
        } catch (RuntimeException e) {
            // A row that fails takes its chunk's transaction with it: store the rows again one by one, so only
            // rows that fail on their own are refused.
            LOG.info("Customer import {}: a chunk failed ({}); storing its rows one by one", id, e.getClass().getName());
            ImportTally chunk = new ImportTally();
            rows.forEach(row -> storeAlone(row, chunk));
            return chunk;
        }
    }

    private ImportTally storeAll(DSLContext dsl, List<ParsedRow> rows) {
        ImportTally chunk = new ImportTally();
        for (ParsedRow row : rows) {
            if (row.rejected()) {
                chunk.reject(row.errors());
            } else {
                chunk.count(writer.write(dsl, row));
            }
        }
        return chunk;
    }

    private void storeAlone(ParsedRow row, ImportTally chunk) {
        if (row.rejected()) {
            chunk.reject(row.errors());
            return;
        }
        try {
            chunk.count(database.dsl().transactionResult(configuration -> writer.write(configuration.dsl(), row)));
        } catch (ProblemException e) {
            chunk.reject(e.errors().stream().map(error -> new RowError(row.line(), error.field(), error.message())).toList());
        } catch (RuntimeException e) {
            // The exception's message may quote the row's values: log its class only.
            LOG.warn("Customer import {}: the row on line {} could not be stored ({})", id, row.line(), e.getClass().getName());
            chunk.reject(List.of(new RowError(row.line(), "row", "could not be stored (" + e.getClass().getSimpleName()
                    + "); import the file again to retry it")));
        }
    }
}
