package org.opencem.api.config;

import java.util.List;
import java.util.stream.Collectors;
import org.opencem.api.annotation.PublicApi;

/** Thrown when a configuration does not satisfy its {@link ConfigSchema}; lists every bad field. */
@PublicApi
public final class ConfigValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /** @param errors every reason the configuration was refused, at least one */
    public ConfigValidationException(List<ConfigError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** @return every reason the configuration was refused */
    public List<ConfigError> errors() {
        return errors;
    }
}
