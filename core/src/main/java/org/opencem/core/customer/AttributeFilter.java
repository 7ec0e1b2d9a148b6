package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.opencem.core.http.Json;

/**
 * An attribute equality filter, {@code attributes.<key>=<value>}. Values compare as text: a string attribute
 * by its value, a number or boolean by its JSON spelling as stored ({@code 3}, {@code 42.50}, {@code true});
 * an object, array or absent key never matches.
 *
 * <p>Attributes are a JSON text column, so the store cannot compare a key's value portably. The filter is
 * two steps: a {@code LIKE} prefilter in SQL on the serialized {@code "key":"value"} (or {@code "key":value}
 * for a number or boolean; {@code %} and {@code _} escaped), which keeps every match and a few look-alikes
 * (the pair inside a nested object, {@code 3} as the start of {@code 30}), then {@link #matches} in Java.
 * The prefilter relies on attributes being written by {@link Json#MAPPER} (compact, the same escaping). The customer
 * list and the analytics segments ({@code segment=attributes.<key>:<value>}) filter this way.
 *
 * @param key the attribute key
 * @param value the text to compare with
 */
public record AttributeFilter(String key, String value) {

    private static final Pattern JSON_LITERAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false");

    /** @return a condition on {@code customer.attributes} that every matching customer meets */
    public Condition prefilter() {
        String pair = quoted(key) + ":";
        Condition asString = CUSTOMER.ATTRIBUTES.contains(pair + quoted(value));
        return JSON_LITERAL.matcher(value).matches() ? asString.or(CUSTOMER.ATTRIBUTES.contains(pair + value)) : asString;
    }

    /** @param scalars a customer's {@link #scalars} @return whether this filter keeps the customer */
    public boolean matches(Map<String, String> scalars) {
        return value.equals(scalars.get(key));
    }

    /**
     * @param attributes a customer's attributes as stored
     * @return each top-level string, number or boolean attribute as text: strings unquoted, numbers as written
     */
    public static Map<String, String> scalars(String attributes) {
        Map<String, String> scalars = new HashMap<>();
        try (JsonParser parser = Json.MAPPER.createParser(attributes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("customer attributes are not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                    scalars.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("customer attributes are not readable JSON", e);
        }
        return scalars;
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a string as JSON", e);
        }
    }
}
