package org.opencem.core.customer.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencem.core.customer.CustomerService;
import org.opencem.core.customer.IdentityNormalizer;
import org.opencem.core.http.Json;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;

/**
 * Which columns of a CSV file become identities and which attributes.
 *
 * <p>Given explicitly (query parameters {@code identity.<type>=<column>} and {@code attribute.<name>=<column>},
 * or the multipart part {@code mapping}), only the columns named are read. Without one, the header decides:
 * a column named after an identity type (any case) is that identity; {@code id}, {@code created_at},
 * {@code first_seen} and {@code last_seen}, which the export writes, are skipped; a column
 * {@code attribute.<name>} is the attribute {@code <name>} (the export names attributes so when their key
 * would otherwise read as one of the former); every other named column is the attribute of its name.
 */
final class ColumnMapping {

    private static final String IDENTITY_PARAM = "identity.";
    private static final String ATTRIBUTE_PREFIX = "attribute.";
    private static final String EXTERNAL_PREFIX = "external:";
    private static final Set<String> EXPORT_ONLY = Set.of("id", "created_at", "first_seen", "last_seen");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_ECHOED = 64;
    private static final String KNOWN_TYPES = "known: email, phone, visitor, loyalty, external:<system>";

    /**
     * One mapped column.
     *
     * @param target the identity type or attribute name
     * @param column the header name of the column
     * @param field where the mapping named it, for errors ({@code identity.email}, {@code mapping.attributes.tier})
     */
    record Entry(String target, String column, String field) {
    }

    private final List<Entry> identities;
    private final List<Entry> attributes;

    private ColumnMapping(List<Entry> identities, List<Entry> attributes) {
        this.identities = List.copyOf(identities);
        this.attributes = List.copyOf(attributes);
    }

    /** @return the mapping that lets the header decide */
    static ColumnMapping byHeader() {
        return new ColumnMapping(List.of(), List.of());
    }

    /**
     * @param params the request's query parameters
     * @param normalizer knows the identity types
     * @return the mapping they give; {@link #isByHeader()} when they give none
     * @throws ProblemException 400 naming each bad or unknown parameter
     */
    static ColumnMapping fromQuery(MultiMap params, IdentityNormalizer normalizer) {
        Errors errors = new Errors();
        List<Entry> identities = new ArrayList<>();
        List<Entry> attributes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> param : params) {
            String name = param.getKey();
            if (!seen.add(name)) {
                errors.add(shorten(name), "is given more than once");
            } else if (name.startsWith(IDENTITY_PARAM)) {
                identities.add(new Entry(name.substring(IDENTITY_PARAM.length()), param.getValue(), shorten(name)));
            } else if (name.startsWith(ATTRIBUTE_PREFIX)) {
                attributes.add(new Entry(name.substring(ATTRIBUTE_PREFIX.length()), param.getValue(), shorten(name)));
            } else {
                errors.add(shorten(name), "is not a parameter of this route: map columns with identity.<type>=<column>"
                        + " and attribute.<name>=<column>");
            }
        }
        return checked(identities, attributes, normalizer, errors);
    }

    /**
     * @param json the multipart part {@code mapping}: {@code {"identities": {type: column}, "attributes": {name: column}}}
     * @param normalizer knows the identity types
     * @return the mapping it gives
     * @throws ProblemException 400 naming each bad field as {@code mapping.identities.<type>} and so on
     */
    static ColumnMapping fromJson(String json, IdentityNormalizer normalizer) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProblemException.badField("mapping", "is not JSON: " + e.getOriginalMessage());
        }
        Errors errors = new Errors();
        if (node == null || !node.isObject()) {
            throw ProblemException.badField("mapping", "must be a JSON object {\"identities\": {type: column},"
                    + " \"attributes\": {name: column}}");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("identities") && !name.equals("attributes")) {
                errors.add("mapping." + shorten(name), "is not a known field");
            }
        });
        List<Entry> identities = entries(node, "identities", errors);
        List<Entry> attributes = entries(node, "attributes", errors);
        return checked(identities, attributes, normalizer, errors);
    }

    private static List<Entry> entries(JsonNode mapping, String name, Errors errors) {
        JsonNode node = mapping.get(name);
        List<Entry> entries = new ArrayList<>();
        if (node == null || node.isNull()) {
            return entries;
        }
        if (!node.isObject()) {
            errors.add("mapping." + name, "must be an object of names to column names");
            return entries;
        }
        node.fields().forEachRemaining(field -> {
            String path = "mapping." + name + "." + shorten(field.getKey());
            if (field.getValue().isTextual()) {
                entries.add(new Entry(field.getKey(), field.getValue().asText(), path));
            } else {
                errors.add(path, "must be a column name (a string)");
            }
        });
        return entries;
    }

    private static ColumnMapping checked(List<Entry> identities, List<Entry> attributes, IdentityNormalizer normalizer,
                                         Errors errors) {
        for (Entry entry : identities) {
            if (!normalizer.knows(entry.target())) {
                errors.add(entry.field(), "'" + shorten(entry.target()) + "' is not an identity type; " + KNOWN_TYPES
                        + " (system in kebab-case)");
            }
            checkColumn(entry, errors);
        }
        for (Entry entry : attributes) {
            if (entry.target().isBlank() || entry.target().length() > MAX_NAME_LENGTH) {
                errors.add(entry.field(), "attribute names must have 1 to " + MAX_NAME_LENGTH + " characters");
            }
            checkColumn(entry, errors);
        }
        if (attributes.size() > CustomerService.MAX_ATTRIBUTES) {
            errors.add("mapping", "maps more than " + CustomerService.MAX_ATTRIBUTES + " attributes");
        }
        errors.throwIfAny("the column mapping is invalid");
        return new ColumnMapping(identities, attributes);
    }

    private static void checkColumn(Entry entry, Errors errors) {
        if (entry.column() == null || entry.column().isBlank()) {
            errors.add(entry.field(), "must name a column of the header");
        } else if (entry.column().length() > MAX_NAME_LENGTH) {
            errors.add(entry.field(), "column names have at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** @return whether the header decides (no mapping was given) */
    boolean isByHeader() {
        return identities.isEmpty() && attributes.isEmpty();
    }

    /**
     * @param header the header's column names, as read
     * @param normalizer knows the identity types
     * @return the rows' reader
     * @throws ProblemException 400 naming {@code header} (duplicate column names, bad names) or the mapping's
     *                          field that names a column the header lacks
     */
    RowParser bind(List<String> header, IdentityNormalizer normalizer) {
        List<String> raw = header.stream().map(CsvCells::unescape).toList();
        List<String> names = raw.stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String name : names) {
            if (!name.isEmpty() && !seen.add(name)) {
                duplicates.add(shorten(name));
            }
        }
        if (!duplicates.isEmpty()) {
            throw ProblemException.badField("header", "column names must be unique; repeated: "
                    + String.join(", ", duplicates));
        }
        return isByHeader() ? bindByHeader(raw, names, normalizer) : bindExplicit(names, normalizer);
    }

    private RowParser bindExplicit(List<String> names, IdentityNormalizer normalizer) {
        Errors errors = new Errors();
        Map<String, Integer> identityColumns = new LinkedHashMap<>();
        Map<String, Integer> attributeColumns = new LinkedHashMap<>();
        for (Entry entry : identities) {
            column(names, entry, errors).ifPresent(index -> identityColumns.put(entry.target(), index));
        }
        for (Entry entry : attributes) {
            column(names, entry, errors).ifPresent(index -> attributeColumns.put(entry.target(), index));
        }
        if (identities.isEmpty()) {
            errors.add("mapping", "maps no identity column: map one with identity.<type>=<column>");
        }
        errors.throwIfAny("the column mapping does not fit the file's header");
        return new RowParser(names.size(), identityColumns, attributeColumns, normalizer);
    }

    private static Optional<Integer> column(List<String> names, Entry entry, Errors errors) {
        int index = names.indexOf(entry.column().strip());
        if (index < 0) {
            errors.add(entry.field(), "column '" + shorten(entry.column().strip()) + "' is not in the header ("
                    + listed(names) + ")");
            return Optional.empty();
        }
        return Optional.of(index);
    }

    /** Names are matched stripped of white space, but a prefixed attribute keeps its key exactly. */
    private static RowParser bindByHeader(List<String> raw, List<String> names, IdentityNormalizer normalizer) {
        Errors errors = new Errors();
        Map<String, Integer> identityColumns = new LinkedHashMap<>();
        Map<String, Integer> attributeColumns = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || EXPORT_ONLY.contains(lower)) {
                continue;
            }
            if (lower.startsWith(ATTRIBUTE_PREFIX)) {
                add(attributeColumns, raw.get(i).stripLeading().substring(ATTRIBUTE_PREFIX.length()), i, name, errors);
            } else if (normalizer.knows(lower)) {
                add(identityColumns, lower, i, name, errors);
            } else if (lower.startsWith(EXTERNAL_PREFIX)) {
                errors.add("header", "column '" + shorten(name) + "' is not an identity type: external:<system> needs"
                        + " a kebab-case system");
            } else {
                add(attributeColumns, name, i, name, errors);
            }
        }
        attributeColumns.keySet().stream().filter(k -> k.isBlank() || k.length() > MAX_NAME_LENGTH).findFirst()
                .ifPresent(k -> errors.add("header", "attribute names must have 1 to " + MAX_NAME_LENGTH + " characters"));
        if (attributeColumns.size() > CustomerService.MAX_ATTRIBUTES) {
            errors.add("header", "more than " + CustomerService.MAX_ATTRIBUTES + " columns would become attributes;"
                    + " name the columns to import with identity.<type>=<column> and attribute.<name>=<column>");
        }
        if (identityColumns.isEmpty()) {
            errors.add("header", "no column is named after an identity type (" + KNOWN_TYPES + "); rename one or map"
                    + " it with identity.<type>=<column>");
        }
        errors.throwIfAny("the file's header cannot be mapped");
        return new RowParser(names.size(), identityColumns, attributeColumns, normalizer);
    }

    /** Two columns may not mean the same thing ({@code Email} and {@code email}, {@code tier} and {@code attribute.tier}). */
    private static void add(Map<String, Integer> columns, String target, int index, String name, Errors errors) {
        if (columns.putIfAbsent(target, index) != null) {
            errors.add("header", "column '" + shorten(name) + "' means the same as an earlier column");
        }
    }

    /**
     * The export's column name for an attribute key: the key itself, unless the import would read that as
     * something else (an identity, a skipped column, a prefixed attribute) or change it (blank or padded).
     *
     * @param key an attribute key
     * @param normalizer knows the identity types
     * @return the column name that imports back as that key
     */
    static String attributeColumn(String key, IdentityNormalizer normalizer) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean plain = !key.isBlank() && key.equals(key.strip()) && !EXPORT_ONLY.contains(lower)
                && !lower.startsWith(ATTRIBUTE_PREFIX) && !lower.startsWith(EXTERNAL_PREFIX) && !normalizer.knows(lower);
        return plain ? key : ATTRIBUTE_PREFIX + key;
    }

    private static String listed(List<String> names) {
        String all = names.stream().filter(n -> !n.isEmpty()).map(ColumnMapping::shorten).collect(Collectors.joining(", "));
        return all.length() <= 500 ? "columns: " + all : "columns: " + all.substring(0, 500) + "...";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED) + "...";
    }

    /** Field errors gathered so one answer names them all. */
    private static final class Errors {

        private final List<Problem.FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new Problem.FieldError(field, message));
        }

        void throwIfAny(String detail) {
            if (!list.isEmpty()) {
                String first = list.get(0).field() + ": " + list.get(0).message();
                throw ProblemException.badRequest(detail + ": " + first + (list.size() > 1 ? " (and more)" : ""), list);
            }
        }
    }
}
