package org.opencem.core.ingest;

import org.opencem.api.customer.Identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated event, ready to store.
 *
 * @param id the client's idempotency key
 * @param type what happened ({@code purchase}, {@code visit}...)
 * @param channel where it happened
 * @param touchpoint the touchpoint key
 * @param occurredAt when it happened (the receive time when the client did not say)
 * @param identities the customer's normalized identities, at least one
 * @param attributes customer attributes to set
 * @param amount the value's amount, with {@code currency}
 * @param currency ISO 4217 code, with {@code amount}
 * @param properties the properties as JSON text
 * @param bodyHash SHA-256 of the event as sent (canonical JSON), to tell a resend from a different event with the same id
 */
public record EventRequest(String id, String type, String channel, String touchpoint, Instant occurredAt,
                           List<Identity> identities, Map<String, Object> attributes, Optional<BigDecimal> amount,
                           Optional<String> currency, String properties, String bodyHash) {

    public EventRequest {
        identities = List.copyOf(identities);
        attributes = Map.copyOf(attributes);
    }
}
