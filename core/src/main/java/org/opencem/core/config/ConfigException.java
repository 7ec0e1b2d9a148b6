package org.opencem.core.config;

/** A configuration the server cannot start with; its message says which key and why. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which key is wrong and why */
    public ConfigException(String message) {
        super(message);
    }
}
