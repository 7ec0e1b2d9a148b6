package org.opencem.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object body with typed, validating accessors. Errors are collected per field and
 * thrown together by {@link #validate()}, so one answer names every bad field.
 */
public final class JsonBody {

    private static final String TREE = "opencem.jsonBody";

    private final ObjectNode node;
    private final String prefix;
    private final List<Problem.FieldError> errors;

    private JsonBody(ObjectNode node, String prefix, List<Problem.FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * @param ctx the request, its body read by a body handler
     * @return the body as an object
     * @throws ProblemException 400 when the body is missing, malformed or not a JSON object
     */
    public static JsonBody of(RoutingContext ctx) {
        if (!(tree(ctx) instanceof ObjectNode object)) {
            throw ProblemException.badRequest("the body must be a JSON object", List.of());
        }
        return new JsonBody(object, "", new ArrayList<>());
    }

    /**
     * Parses the body once per request: the OpenAPI check and the handler share the tree.
     *
     * @param ctx the request, its body read by a body handler
     * @return the body as JSON, not to be modified
     * @throws ProblemException 400 when the body is missing or malformed
     */
    public static JsonNode tree(RoutingContext ctx) {
        JsonNode cached = ctx.get(TREE);
        if (cached != null) {
            return cached;
        }
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("the request needs a JSON object body", List.of());
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ProblemException.badRequest("malformed JSON: " + e.getOriginalMessage() + where, List.of());
        }
        ctx.put(TREE, parsed);
        return parsed;
    }

    /**
     * @param node an object, for example one item of a batch
     * @param prefix the path of the object in its request, prepended to every field named in errors ({@code events[3].})
     * @return a body over it, collecting its own errors
     */
    public static JsonBody of(ObjectNode node, String prefix) {
        return new JsonBody(node, prefix, new ArrayList<>());
    }

    /**
     * @param field name of an object field
     * @return the object as a body sharing this body's errors (its fields named {@code field.member}), when present
     */
    public Optional<JsonBody> optionalChild(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            error(field, "must be an object");
            return Optional.empty();
        }
        return Optional.of(new JsonBody(object, prefix + field + ".", errors));
    }

    /**
     * @param field name of an array field, required
     * @param max the most elements accepted
     * @return its elements; empty with an error when missing, not an array, empty or too long
     */
    public List<JsonNode> requiredArray(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "must be an array");
            return List.of();
        }
        if (value.isEmpty() || value.size() > max) {
            error(field, "must have 1 to " + max + " items, not " + value.size());
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /**
     * @param field name
     * @return its instant, when present: an ISO-8601 date-time with a zone offset ({@code 2026-11-20T10:15:00Z})
     */
    public Optional<Instant> optionalInstant(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        error(field, "must be an ISO-8601 date-time with a zone offset, for example 2026-11-20T10:15:00Z");
        return Optional.empty();
    }

    /** @param field name @return its number, when present, exactly as sent */
    public Optional<BigDecimal> optionalDecimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            error(field, "must be a number");
            return Optional.empty();
        }
        return Optional.of(value.decimalValue());
    }

    /** @param field name @return the member as sent, when present and not null */
    public Optional<JsonNode> optionalNode(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** @return the object as sent */
    public ObjectNode node() {
        return node;
    }

    /** @return the errors found so far */
    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** @param allowed the field names this body may have; any other is reported as unknown @return this */
    public JsonBody only(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(name, "is not a known field");
            }
        }
        return this;
    }

    /** @param field name @param maxLength longest accepted @return its non-blank text; an error when missing */
    public String requiredText(String field, int maxLength) {
        Optional<String> value = optionalText(field, maxLength);
        if (value.isEmpty() && !hasError(field)) {
            error(field, "is required");
        }
        return value.orElse("");
    }

    /** @param field name @param maxLength longest accepted @return its text, if present */
    public Optional<String> optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            error(field, "must be a string");
            return Optional.empty();
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            error(field, "must not be empty");
            return Optional.empty();
        }
        if (text.length() > maxLength) {
            error(field, "must have at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** @param field name @return its boolean, if present */
    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    /**
     * @param field name of an object field
     * @return its members as plain Java values (String, Number, Boolean, List, Map), empty when absent
     */
    public Map<String, Object> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            error(field, "must be an object");
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.convertValue(value, LinkedHashMap.class);
        return map;
    }

    /** @param field the field, relative to this body @param message what is wrong */
    public void error(String field, String message) {
        errors.add(new Problem.FieldError(prefix + field, message));
    }

    private boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(prefix + field));
    }

    /** @throws ProblemException 400 naming every bad field, when there is one */
    public void validate() {
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + " " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw ProblemException.badRequest(detail, errors);
        }
    }
}
