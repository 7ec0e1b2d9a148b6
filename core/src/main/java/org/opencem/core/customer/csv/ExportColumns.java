package org.opencem.core.customer.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.http.Json;

/**
 * The export's columns: {@code id, created_at, first_seen, last_seen}, one per identity type present
 * (email, phone, visitor, loyalty first, then the others by name), then one per attribute key (by name).
 * Every cell is escaped against formula injection (see {@link CsvCells}). Attribute values that are not
 * text are written as JSON ({@code 42}, {@code true}, {@code ["a","b"]}) and import back as text.
 */
final class ExportColumns {

    private static final List<String> FIRST_TYPES = List.of("email", "phone", "visitor", "loyalty");
    private static final Comparator<String> TYPE_ORDER = Comparator
            .comparing((String type) -> FIRST_TYPES.contains(type) ? FIRST_TYPES.indexOf(type) : FIRST_TYPES.size())
            .thenComparing(Comparator.naturalOrder());

    private final List<String> identityTypes;
    private final List<String> attributeKeys;
    private final List<String> header = new ArrayList<>(List.of("id", "created_at", "first_seen", "last_seen"));

    /**
     * @param identityTypes the identity types present
     * @param attributeKeys the attribute keys present
     * @param normalizer knows the identity types, to name attribute columns so they import back
     */
    ExportColumns(Collection<String> identityTypes, Collection<String> attributeKeys, IdentityNormalizer normalizer) {
        this.identityTypes = identityTypes.stream().sorted(TYPE_ORDER).toList();
        this.attributeKeys = attributeKeys.stream().sorted().toList();
        header.addAll(this.identityTypes);
        this.attributeKeys.forEach(key -> header.add(ColumnMapping.attributeColumn(key, normalizer)));
    }

    /** @return the header row's cells */
    List<String> header() {
        return header.stream().map(CsvCells::escape).toList();
    }

    /** @param customer a customer @return its row's cells */
    List<String> row(ExportedCustomer customer) {
        List<String> cells = new ArrayList<>(header.size());
        cells.add(customer.id().toString());
        cells.add(customer.createdAt().toString());
        cells.add(customer.firstSeen().toString());
        cells.add(customer.lastSeen().toString());
        for (String type : identityTypes) {
            cells.add(CsvCells.escape(CsvCells.joinIdentities(customer.identities().getOrDefault(type, List.of()))));
        }
        Map<String, Object> attributes = customer.attributes();
        for (String key : attributeKeys) {
            cells.add(CsvCells.escape(text(attributes.get(key))));
        }
        return cells;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an attribute value cannot be written as JSON", e);
        }
    }
}
