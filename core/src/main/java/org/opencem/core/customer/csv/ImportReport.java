package org.opencem.core.customer.csv;

import java.util.List;

/**
 * What an import did, row by row: {@code rows = created + updated + unchanged + merged + rejected}.
 *
 * @param rows data rows read (the header and empty lines not counted)
 * @param created rows that created a customer
 * @param updated rows that changed an existing customer (attributes set or identities added)
 * @param unchanged rows whose customer already had all their identities and attribute values
 * @param merged rows whose identities named several customers, which were merged into one
 * @param rejected rows refused, with the reasons in {@code errors}
 * @param errors the reasons, by line; at most {@value ImportTally#MAX_ERRORS} (a row may have several)
 */
public record ImportReport(long rows, long created, long updated, long unchanged, long merged, long rejected,
                           List<RowError> errors) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /** @return the counts without values, for the audit log and the server log */
    String counts() {
        return "rows=" + rows + "; created=" + created + "; updated=" + updated + "; unchanged=" + unchanged
                + "; merged=" + merged + "; rejected=" + rejected;
    }
}
