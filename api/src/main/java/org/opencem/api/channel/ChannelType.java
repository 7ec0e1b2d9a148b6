package org.opencem.api.channel;

import org.opencem.api.annotation.ExtensionPoint;
import org.opencem.api.config.ConfigSchema;

/**
 * A kind of channel (email, web, kiosk) that admins create instances of.
 *
 * <p><b>Discovery.</b> Annotate the implementation with PF4J's {@code @Extension}; the core finds it
 * in the plugin's extension index when the plugin starts and creates it through the plugin's Guice
 * injector, so its constructor may {@code @Inject} any core service of this api. It is a singleton
 * within its plugin.
 *
 * <p><b>Lifecycle.</b> After the plugin starts, the core calls {@link #create} once for each enabled
 * instance of this type, with a configuration already validated against {@link #configSchema()}, then
 * {@link Channel#start()}. When an instance is disabled, reconfigured or deleted, or the plugin is
 * disabled, the core calls {@link Channel#stop()} and unmounts its routes.
 *
 * <p><b>Threading.</b> {@link #create} is called on a worker thread, never on an event loop.
 *
 * <p><b>Collisions.</b> Two started plugins may not declare the same {@link #id()}: the second one fails
 * to start, with the reason in its state.
 */
@ExtensionPoint
public interface ChannelType extends org.pf4j.ExtensionPoint {

    /** @return the stable id of this type, kebab-case ({@code email}, {@code web}, {@code kiosk}) */
    String id();

    /** @return the name admins see */
    String displayName();

    /** @return one sentence on what the channel does; empty by default */
    default String description() {
        return "";
    }

    /** @return the properties an instance's configuration has */
    ConfigSchema configSchema();

    /**
     * Creates one configured instance. Must not start background work: that belongs in
     * {@link Channel#start()}.
     *
     * @param context the instance's id, name, validated configuration and public routes
     * @return the instance
     */
    Channel create(ChannelContext context);
}
