package org.opencem.api.customer;

import java.util.Objects;
import org.opencem.api.annotation.PublicApi;

/**
 * One key a channel knows a customer by. The core normalizes the value for its type (emails lower-cased
 * and trimmed, phones to E.164) before it resolves the customer.
 *
 * @param type {@code email}, {@code phone}, {@code visitor}, {@code loyalty}, {@code external:<system>},
 *     or a type a plugin registers
 * @param value the key as the channel knows it
 */
@PublicApi
public record Identity(String type, String value) {

    /** Requires both parts. */
    public Identity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
