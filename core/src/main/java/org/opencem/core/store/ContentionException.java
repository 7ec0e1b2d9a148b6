package org.opencem.core.store;

/**
 * Work lost races with concurrent transactions more often than it retries within its transaction: the
 * caller may run it again in a new transaction, which sees what the others committed.
 */
public final class ContentionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what kept changing (ids and counts only: it may be logged) */
    public ContentionException(String message) {
        super(message, null, false, false);
    }
}
