package org.opencem.core.customer.csv;

import org.opencem.api.customer.Identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data row read through the mapping: normalized identities and attributes to set, or why it is refused.
 *
 * @param line the physical line of the file the row starts on
 * @param identities normalized identities, at least one unless refused
 * @param attributes attribute values (text) to set; empty cells are absent
 * @param errors why the row is refused; empty when it is not
 */
record ParsedRow(long line, List<Identity> identities, Map<String, Object> attributes, List<RowError> errors) {

    ParsedRow {
        identities = List.copyOf(identities);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        errors = List.copyOf(errors);
    }

    boolean rejected() {
        return !errors.isEmpty();
    }
}
