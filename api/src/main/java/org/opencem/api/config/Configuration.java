package org.opencem.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.annotation.PublicApi;

/**
 * A configuration that passed {@link ConfigSchema#validate}: defaults applied, values of their declared
 * types (text, {@code Long}, {@code Boolean}, {@code List<String>}). Immutable.
 */
@PublicApi
public final class Configuration {

    private final Map<String, Object> values;

    Configuration(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return the text value of a property, if set */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).map(Object::toString);
    }

    /** @return the whole-number value of a property, if set */
    public Optional<Long> integer(String name) {
        return Optional.ofNullable(values.get(name)).map(v -> ((Number) v).longValue());
    }

    /** @return the boolean value of a property, if set */
    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable(values.get(name)).map(Boolean.class::cast);
    }

    /** @return the list value of a property; empty when not set */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<String>) value;
    }

    /** @return every set value by property name, secrets included */
    public Map<String, Object> asMap() {
        return values;
    }
}
