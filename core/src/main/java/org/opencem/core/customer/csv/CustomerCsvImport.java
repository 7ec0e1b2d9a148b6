package org.opencem.core.customer.csv;

import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Principal;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports customers from an uploaded CSV file in two passes: the first reads the whole file to check it
 * is CSV and that its header fits the mapping, so a broken file imports nothing; the second stores the rows
 * a chunk at a time. The import is audited once, with its counts.
 */
@Singleton
final class CustomerCsvImport {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerCsvImport.class);

    private final Blocking blocking;
    private final Database database;
    private final IdentityNormalizer normalizer;
    private final ImportedRowWriter writer;
    private final AuditLog audit;

    @Inject
    CustomerCsvImport(Blocking blocking, Database database, IdentityNormalizer normalizer, ImportedRowWriter writer,
                      AuditLog audit) {
        this.blocking = blocking;
        this.database = database;
        this.normalizer = normalizer;
        this.writer = writer;
        this.audit = audit;
    }

    /**
     * @param file the uploaded file
     * @param mapping the column mapping asked for
     * @return the file ready to import
     * @throws ProblemException (failing the future) 400 when the file is empty, not CSV, or its header does
     *                          not fit the mapping
     */
    Future<PreparedImport> prepare(Path file, ColumnMapping mapping) {
        return blocking.run(() -> {
            try (CsvFile csv = CsvFile.open(file)) {
                RowParser parser = mapping.bind(csv.header(), normalizer);
                long rows = 0;
                while (csv.next().isPresent()) {
                    rows++;
                }
                return new PreparedImport(file, parser, rows);
            }
        });
    }

    /**
     * @param prepared a prepared file
     * @param actor who imports
     * @return the report, once every row is stored or refused
     */
    Future<ImportReport> run(PreparedImport prepared, Principal actor) {
        ImportRun run = new ImportRun(prepared, database, writer);
        return blocking.run(() -> {
            run.open();
            return null;
        }).compose(v -> chunks(run)).eventually(() -> blocking.run(() -> {
            run.close();
            return null;
        })).transform(done -> {
            String counts = run.report().counts() + (done.failed() ? "; failed" : "");
            LOG.info("Customer import {} {}: {}", run.id(), done.failed() ? "failed" : "done", counts);
            return blocking.transaction(dsl -> {
                audit.record(dsl, actor, "customer.import", run.id(), counts);
                return null;
            }).compose(v -> done.failed() ? Future.failedFuture(done.cause()) : Future.succeededFuture(run.report()));
        });
    }

    private Future<Void> chunks(ImportRun run) {
        return blocking.run(run::nextChunk).compose(more -> more ? chunks(run) : Future.succeededFuture());
    }
}
