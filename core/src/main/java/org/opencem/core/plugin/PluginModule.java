package org.opencem.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import java.util.List;
import org.opencem.api.plugin.PluginInfo;
import org.opencem.api.store.PluginDatabase;

/**
 * The bindings of one plugin's child injector: its own facts and database handle, and each of its
 * extension classes, bound explicitly as singletons so nothing of the plugin leaks into the server
 * injector.
 */
final class PluginModule extends AbstractModule {

    private final PluginInfo info;
    private final PluginDatabase database;
    private final List<Class<?>> extensionClasses;

    PluginModule(PluginInfo info, PluginDatabase database, List<Class<?>> extensionClasses) {
        this.info = info;
        this.database = database;
        this.extensionClasses = List.copyOf(extensionClasses);
    }

    @Override
    protected void configure() {
        bind(PluginInfo.class).toInstance(info);
        bind(PluginDatabase.class).toInstance(database);
        for (Class<?> extension : extensionClasses) {
            bind(extension).in(Singleton.class);
        }
    }
}
