package org.opencem.core.customer;

/**
 * An identity that cannot be accepted: unknown type or malformed value. Carries the request field it
 * concerns (for example {@code identities.email}) so the HTTP layer can answer a 400 problem naming it.
 */
public final class InvalidIdentityException extends RuntimeException {

    private final String field;

    /**
     * @param field the field, e.g. {@code identities.email}
     * @param message what is wrong, safe to show to the client
     */
    public InvalidIdentityException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** @return the field the error concerns */
    public String field() {
        return field;
    }
}
