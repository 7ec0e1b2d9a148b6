package org.opencem.core.ingest;

import java.util.UUID;

/**
 * What storing one event did.
 *
 * @param status created, duplicate (same id and body stored before) or conflict (same id, another body)
 * @param customerId the customer the event belongs to; {@code null} for a conflict
 */
public record EventOutcome(Status status, UUID customerId) {

    /** How an event was taken. */
    public enum Status {
        /** Stored by this request. */
        CREATED,
        /** The same event was stored before; nothing new was stored. */
        DUPLICATE,
        /** Another event was stored before with the same id; nothing was stored. */
        CONFLICT
    }

    static EventOutcome created(UUID customerId) {
        return new EventOutcome(Status.CREATED, customerId);
    }

    static EventOutcome duplicate(UUID customerId) {
        return new EventOutcome(Status.DUPLICATE, customerId);
    }

    static EventOutcome conflict() {
        return new EventOutcome(Status.CONFLICT, null);
    }
}
