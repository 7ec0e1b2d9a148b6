package org.opencem.api.config;

import org.opencem.api.annotation.PublicApi;

/** The kind of value a {@link ConfigProperty} holds, which decides its validation and its form field. */
@PublicApi
public enum PropertyType {
    /** Free text, optionally constrained by a pattern and a maximum length. */
    STRING,
    /** Text that is never returned by the API once written (passwords, API keys). */
    SECRET,
    /** A whole number, optionally between a minimum and a maximum. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of options. */
    ENUM,
    /** An absolute http or https URL. */
    URL,
    /** An email address. */
    EMAIL,
    /** A list of strings. */
    LIST
}
