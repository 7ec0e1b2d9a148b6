package org.opencem.api.channel;

import org.opencem.api.annotation.ExtensionPoint;

/**
 * One configured instance of a {@link ChannelType}, for example the kiosk channel of one store. Created by
 * {@link ChannelType#create}; started and stopped by the core on a worker thread.
 */
@ExtensionPoint
public interface Channel {

    /** Starts background work (timers, consumers). Throwing marks the instance failed; nothing else stops. */
    default void start() {
    }

    /** @return the instance's current health, shown in the API and the console */
    default ChannelHealth health() {
        return ChannelHealth.healthy();
    }

    /** Stops background work and releases resources. Routes are unmounted by the core before this call. */
    default void stop() {
    }
}
