package org.opencem.api.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.opencem.api.annotation.PublicApi;

/**
 * One property of a {@link ConfigSchema}: its name, type, label and help text for the console, default,
 * whether it is required, and its constraints. Built through {@link ConfigSchema.Builder}.
 *
 * @param name key in the configuration object, unique within a schema
 * @param type the kind of value
 * @param label short human label
 * @param helpText one or two sentences shown under the field; empty when none
 * @param defaultValue value used when the property is absent
 * @param required whether a value must be given (a property with a default is never missing)
 * @param options allowed values of an {@link PropertyType#ENUM}; empty otherwise
 * @param min lower bound of an {@link PropertyType#INTEGER}, or minimum length of text
 * @param max upper bound of an {@link PropertyType#INTEGER}, or maximum length of text
 * @param pattern a regular expression text must match entirely
 */
@PublicApi
public record ConfigProperty(
        String name,
        PropertyType type,
        String label,
        String helpText,
        Optional<Object> defaultValue,
        boolean required,
        List<String> options,
        OptionalLong min,
        OptionalLong max,
        Optional<Pattern> pattern) {

    /** Checks the invariants every property holds. */
    public ConfigProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(helpText, "helpText");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(pattern, "pattern");
        options = List.copyOf(options);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a property needs a name");
        }
        if (type == PropertyType.ENUM && options.isEmpty()) {
            throw new IllegalArgumentException("enum property '" + name + "' needs options");
        }
        if (type == PropertyType.SECRET && defaultValue.isPresent()) {
            throw new IllegalArgumentException("secret property '" + name + "' cannot have a default");
        }
    }

    /** Whether the API must never return this property's value. */
    public boolean secret() {
        return type == PropertyType.SECRET;
    }
}
