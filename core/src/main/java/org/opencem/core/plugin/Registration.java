package org.opencem.core.plugin;

/**
 * Undoes one thing a plugin registered (a route, a registry entry, a running channel). Stopping a plugin
 * runs its registrations in reverse order.
 */
@FunctionalInterface
public interface Registration {

    /** Undoes the registration; never throws for an already undone one. */
    void remove();
}
