package org.opencem.api.config;

import org.opencem.api.annotation.PublicApi;

/**
 * One reason a configuration was refused.
 *
 * @param field the property name the error is about
 * @param message what is wrong, in words an admin understands
 */
@PublicApi
public record ConfigError(String field, String message) {
}
