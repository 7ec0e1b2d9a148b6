package org.opencem.core.http.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencem.core.http.Problem;

/**
 * Turns a schema validator's output into the field errors our handlers answer: one per field, named as a
 * dotted path ({@code customer.identities.email}, {@code events[3].occurredAt}), with a message in the
 * handlers' words. Messages come from the failing keyword and its value in the document, never from the
 * request, so no personal data is echoed.
 *
 * <p>The validator also reports the schemas that merely contain a failure ({@code properties}, {@code $ref},
 * {@code items}) and, for a declared property that failed, a spurious {@code additionalProperties} error; only
 * the failing keywords themselves are kept.
 */
final class SchemaErrors {

    private static final Set<String> CONTAINERS = Set.of("properties", "patternProperties", "$ref", "$dynamicRef",
            "items", "prefixItems", "contains", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas", "unevaluatedItems", "unevaluatedProperties");
    private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");

    private final SchemaPointer pointer;

    SchemaErrors(SchemaPointer pointer) {
        this.pointer = pointer;
    }

    /**
     * @param result a failed validation
     * @param schema the schema validated against, as written in the document
     * @param name the field the validated value is ({@code ""} for a body, a parameter's name)
     * @return the bad fields, the value itself as {@code name}
     */
    List<Problem.FieldError> of(OutputUnit result, Object schema, String name) {
        List<OutputUnit> failures = result.getErrors() == null ? List.of() : result.getErrors().stream()
                .filter(e -> !CONTAINERS.contains(keyword(e)) && !e.getKeywordLocation().contains("/propertyNames/"))
                .toList();
        Map<String, Problem.FieldError> byField = new LinkedHashMap<>();
        for (OutputUnit failure : failures) {
            String keyword = keyword(failure);
            if (keyword.equals("additionalProperties") && explainedElsewhere(failure, failures)) {
                continue;
            }
            String field = field(name, failure.getInstanceLocation());
            if (keyword.equals("required")) {
                Matcher missing = REQUIRED.matcher(failure.getError());
                field = missing.find() ? child(field, missing.group(1)) : field;
            }
            Object value = pointer.walk(schema, failure.getKeywordLocation());
            byField.putIfAbsent(field, new Problem.FieldError(field, message(keyword, value, failure.getError())));
        }
        if (byField.isEmpty()) {
            byField.put(name, new Problem.FieldError(name, "does not match the API document"));
        }
        return new ArrayList<>(byField.values());
    }

    private static String keyword(OutputUnit error) {
        String location = error.getKeywordLocation();
        return location == null ? "" : location.substring(location.lastIndexOf('/') + 1);
    }

    /** An {@code additionalProperties} failure on a property that failed, or holds a failure, of its own. */
    private static boolean explainedElsewhere(OutputUnit failure, List<OutputUnit> failures) {
        String location = failure.getInstanceLocation();
        return failures.stream().anyMatch(other -> other != failure && !keyword(other).equals("additionalProperties")
                && (other.getInstanceLocation().equals(location) || other.getInstanceLocation().startsWith(location + "/")));
    }

    /** @return {@code #/events/3/occurredAt} under {@code ""} as {@code events[3].occurredAt} */
    static String field(String name, String instanceLocation) {
        String field = name;
        String path = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
        if (path.isEmpty()) {
            return field;
        }
        for (String raw : path.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            field = !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)
                    ? field + "[" + segment + "]" : child(field, segment);
        }
        return field;
    }

    private static String child(String field, String name) {
        return field.isEmpty() ? name : field + "." + name;
    }

    private static String message(String keyword, Object value, String fallback) {
        return switch (keyword) {
            case "type" -> "must be " + (value instanceof JsonArray types
                    ? types.stream().map(t -> typeName(String.valueOf(t))).collect(Collectors.joining(" or "))
                    : typeName(String.valueOf(value)));
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "minLength" -> isOne(value) ? "must not be empty" : "must have at least " + value + " characters";
            case "maxLength" -> "must have at most " + value + " characters";
            case "pattern" -> "must match " + value;
            case "format" -> format(String.valueOf(value));
            case "enum" -> "must be one of: " + (value instanceof JsonArray members
                    ? members.stream().map(String::valueOf).collect(Collectors.joining(", ")) : value);
            case "const" -> "must be " + value;
            case "minimum" -> "must be at least " + value;
            case "maximum" -> "must be at most " + value;
            case "exclusiveMinimum" -> "must be more than " + value;
            case "exclusiveMaximum" -> "must be less than " + value;
            case "multipleOf" -> "must be a multiple of " + value;
            case "minItems" -> "must have at least " + value + (isOne(value) ? " item" : " items");
            case "maxItems" -> "must have at most " + value + " items";
            case "uniqueItems" -> "must not repeat an item";
            case "minProperties" -> "must have at least " + value + (isOne(value) ? " key" : " keys");
            case "maxProperties" -> "must have at most " + value + " keys";
            case "propertyNames" -> keys(value);
            default -> fallback;
        };
    }

    private static boolean isOne(Object value) {
        return value instanceof Number n && n.longValue() == 1;
    }

    private static String typeName(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> type;
        };
    }

    private static String format(String format) {
        return switch (format) {
            case "date-time" -> "must be a date-time with an offset, such as 2026-11-20T10:15:00Z";
            case "date" -> "must be a date such as 2026-11-20";
            case "uuid" -> "must be an id (a UUID)";
            default -> "must be a valid " + format;
        };
    }

    private static String keys(Object names) {
        if (names instanceof JsonObject schema && (schema.containsKey("minLength") || schema.containsKey("maxLength"))) {
            return "keys must have " + schema.getValue("minLength", 0) + " to " + schema.getValue("maxLength", "any number of")
                    + " characters";
        }
        return "has a key that is not allowed";
    }
}
