package org.opencem.core.customer.csv;

import java.util.ArrayList;
import java.util.List;

/** The counts of an import as it goes; not thread-safe (an import's chunks run one after another). */
final class ImportTally {

    /** The most errors a report lists; the count of rejected rows goes on. */
    static final int MAX_ERRORS = 1000;

    /** What storing one row did. */
    enum Outcome { CREATED, UPDATED, UNCHANGED, MERGED }

    private long rows;
    private long created;
    private long updated;
    private long unchanged;
    private long merged;
    private long rejected;
    private final List<RowError> errors = new ArrayList<>();

    void read() {
        rows++;
    }

    void count(Outcome outcome) {
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            case MERGED -> merged++;
        }
    }

    void reject(List<RowError> reasons) {
        rejected++;
        for (RowError reason : reasons) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(reason);
            }
        }
    }

    /** Adds the outcomes of a chunk once its transaction has committed (rows are counted as read). */
    void add(ImportTally chunk) {
        created += chunk.created;
        updated += chunk.updated;
        unchanged += chunk.unchanged;
        merged += chunk.merged;
        rejected += chunk.rejected;
        chunk.errors.forEach(e -> {
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            }
        });
    }

    long rows() {
        return rows;
    }

    ImportReport report() {
        return new ImportReport(rows, created, updated, unchanged, merged, rejected, errors);
    }
}
