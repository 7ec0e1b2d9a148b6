package org.opencem.core.plugin;

import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.opencem.api.store.PluginDatabase;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;

/** A plugin's handle on the shared database, with its own migrations and history table. */
final class StorePluginDatabase implements PluginDatabase {

    private final String pluginId;
    private final Database database;
    private final Blocking blocking;

    StorePluginDatabase(String pluginId, Database database, Blocking blocking) {
        this.pluginId = pluginId;
        this.database = database;
        this.blocking = blocking;
    }

    @Override
    public String tablePrefix() {
        return pluginId.replace('-', '_').toLowerCase(Locale.ROOT) + "_";
    }

    @Override
    public <T> CompletionStage<T> transaction(Function<DSLContext, T> work) {
        return blocking.transaction(work).toCompletionStage();
    }

    /**
     * Applies the plugin's migrations from {@code db/migration/<plugin-id>/} in its class path, if it has
     * any, recording them in a history table of its own.
     *
     * @param pluginClassLoader the plugin's class loader
     */
    void migrate(ClassLoader pluginClassLoader) {
        String location = "db/migration/" + pluginId;
        if (pluginClassLoader.getResource(location) == null) {
            return;
        }
        Flyway.configure(pluginClassLoader)
                .dataSource(database.dataSource())
                .locations("classpath:" + location)
                .table(tablePrefix() + "schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
