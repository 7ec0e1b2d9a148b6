package org.opencem.api.channel;

import java.util.Objects;
import org.opencem.api.annotation.PublicApi;

/**
 * How a channel instance is doing.
 *
 * @param ok whether it works as configured
 * @param detail what is wrong, or empty when healthy
 */
@PublicApi
public record ChannelHealth(boolean ok, String detail) {

    /** Requires a detail, possibly empty. */
    public ChannelHealth {
        Objects.requireNonNull(detail, "detail");
    }

    /** @return a healthy state */
    public static ChannelHealth healthy() {
        return new ChannelHealth(true, "");
    }

    /** @param detail what is wrong @return an unhealthy state */
    public static ChannelHealth unhealthy(String detail) {
        return new ChannelHealth(false, detail);
    }
}
