package org.opencem.core.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.opencem.core.customer.CustomerErasure;
import org.opencem.core.http.JsonBody;

/** The fields every ingested write has (events, survey responses), read and checked alike. */
public final class IngestFields {

    /** Writes may be dated this far ahead of the server's clock (clients' clocks drift), not further. */
    public static final Duration MAX_AHEAD = Duration.ofHours(24);
    /** The earliest time a write may be dated. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The longest idempotency key. */
    public static final int MAX_ID_LENGTH = 200;

    private IngestFields() {
    }

    /**
     * @param body the write; a bad {@code id} is recorded as its error
     * @return the client's idempotency key {@code id}: 1 to 200 characters, not one of an erased customer's
     */
    public static String id(JsonBody body) {
        String id = body.requiredText("id", MAX_ID_LENGTH);
        if (id.startsWith(CustomerErasure.ID_PREFIX)) {
            body.error("id", "must not start with '" + CustomerErasure.ID_PREFIX + "' (the ids of erased customers' writes do)");
        }
        return id;
    }

    /**
     * @param body the write; a bad {@code occurredAt} is recorded as its error
     * @param receivedAt when the request came, the default
     * @param now the server's clock
     * @return when it happened, to the microsecond: at most {@link #MAX_AHEAD} ahead of now, not before {@link #EARLIEST}
     */
    public static Instant occurredAt(JsonBody body, Instant receivedAt, Instant now) {
        Instant occurredAt = body.optionalInstant("occurredAt").orElse(receivedAt);
        if (occurredAt.isAfter(now.plus(MAX_AHEAD))) {
            body.error("occurredAt", "is more than " + MAX_AHEAD.toHours() + " hours in the future");
        } else if (occurredAt.isBefore(EARLIEST)) {
            body.error("occurredAt", "is before " + EARLIEST);
        }
        return occurredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
