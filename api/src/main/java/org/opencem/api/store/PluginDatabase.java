package org.opencem.api.store;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.opencem.api.annotation.PublicApi;

/**
 * A plugin's own database handle, for data the shared store does not hold (delivery logs, device keys).
 *
 * <p>Tables are the plugin's alone and prefixed with its id in snake case ({@code channel_kiosk_device}).
 * The core runs the plugin's Flyway migrations from {@code db/migration/<plugin-id>/} in the plugin's
 * class path before its extensions are created, each plugin with its own history table. Keep them
 * portable between H2 and PostgreSQL.
 */
@PublicApi
public interface PluginDatabase {

    /** @return the prefix every table of this plugin must start with, for example {@code channel_kiosk_} */
    String tablePrefix();

    /**
     * Runs work in one transaction on a worker thread, never on an event loop.
     *
     * @param work the work, given a context bound to the transaction
     * @param <T> the result type
     * @return the work's result, once committed
     */
    <T> CompletionStage<T> transaction(Function<DSLContext, T> work);
}
