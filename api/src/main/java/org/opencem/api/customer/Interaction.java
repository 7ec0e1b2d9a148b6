package org.opencem.api.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencem.api.annotation.PublicApi;

/**
 * Anything a customer does or is sent at a touchpoint: a purchase, a visit, a support contact, a comment,
 * a like, an invitation sent.
 *
 * @param id the idempotency id: recording the same id again stores nothing new
 * @param type the interaction type ({@code purchase}, {@code visit}...)
 * @param channel the channel instance id or channel name it came through
 * @param touchpoint the touchpoint key ({@code checkout}, {@code store-lisbon})
 * @param occurredAt when it happened
 * @param identities the identities it names; the core resolves (and merges) the customer from them
 * @param value an amount, when the interaction has one
 * @param properties free properties as JSON values
 */
@PublicApi
public record Interaction(String id, String type, String channel, String touchpoint, Instant occurredAt,
                          List<Identity> identities, Optional<Amount> value, Map<String, Object> properties) {

    /** Requires the identifying fields and copies the collections. */
    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(touchpoint, "touchpoint");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(value, "value");
        identities = List.copyOf(identities);
        properties = Map.copyOf(properties);
    }

    /**
     * A monetary amount.
     *
     * @param amount the amount
     * @param currency ISO 4217 code
     */
    public record Amount(BigDecimal amount, String currency) {
        /** Requires both parts. */
        public Amount {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }
}
