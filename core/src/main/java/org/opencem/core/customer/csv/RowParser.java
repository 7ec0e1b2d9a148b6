package org.opencem.core.customer.csv;

import org.opencem.api.customer.Identity;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.customer.InvalidIdentityException;

/**
 * Reads data rows through a mapping bound to the file's header. An identity cell may hold several values,
 * one per line; a blank attribute cell leaves the attribute as it is.
 */
final class RowParser {

    /** As many identities as one customer request may carry. */
    static final int MAX_IDENTITIES = 20;

    private final int columns;
    private final Map<String, Integer> identityColumns;
    private final Map<String, Integer> attributeColumns;
    private final IdentityNormalizer normalizer;

    /**
     * @param columns how many columns the header has
     * @param identityColumns identity type to column index
     * @param attributeColumns attribute name to column index
     * @param normalizer normalizes identity values
     */
    RowParser(int columns, Map<String, Integer> identityColumns, Map<String, Integer> attributeColumns,
              IdentityNormalizer normalizer) {
        this.columns = columns;
        this.identityColumns = new LinkedHashMap<>(identityColumns);
        this.attributeColumns = new LinkedHashMap<>(attributeColumns);
        this.normalizer = normalizer;
    }

    /** @param record a data record @return the row, or why it is refused */
    ParsedRow parse(CsvRecord record) {
        long line = record.getStartingLineNumber();
        if (record.getFieldCount() != columns) {
            return refused(line, "row", "has " + record.getFieldCount() + " cells where the header has " + columns);
        }
        List<RowError> errors = new ArrayList<>();
        Set<Identity> identities = new LinkedHashSet<>();
        identityColumns.forEach((type, index) -> {
            for (String value : CsvCells.splitIdentities(CsvCells.unescape(record.getField(index)))) {
                try {
                    identities.add(normalizer.normalize(type, value));
                } catch (InvalidIdentityException e) {
                    errors.add(new RowError(line, e.field(), e.getMessage()));
                }
            }
        });
        if (errors.isEmpty() && identities.isEmpty()) {
            errors.add(new RowError(line, "identities", "has no identity: the columns mapped to identities ("
                    + String.join(", ", identityColumns.keySet()) + ") are empty"));
        }
        if (identities.size() > MAX_IDENTITIES) {
            errors.add(new RowError(line, "identities", "has " + identities.size() + " identities; at most "
                    + MAX_IDENTITIES + " are accepted"));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributeColumns.forEach((name, index) -> {
            String value = CsvCells.unescape(record.getField(index));
            if (!value.isBlank()) {
                attributes.put(name, value);
            }
        });
        return new ParsedRow(line, errors.isEmpty() ? List.copyOf(identities) : List.of(), attributes, errors);
    }

    private static ParsedRow refused(long line, String field, String detail) {
        return new ParsedRow(line, List.of(), Map.of(), List.of(new RowError(line, field, detail)));
    }
}
