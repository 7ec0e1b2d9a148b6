package org.opencem.core.plugin;

import com.google.inject.Injector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates extensions through the injector of the plugin that owns them, so an extension's constructor
 * can {@code @Inject} the core services of the api. Fails loudly when the owner has no injector: it
 * never falls back to reflection with missing dependencies.
 */
final class GuiceExtensionFactory implements ExtensionFactory {

    private final PluginManager plugins;
    private final Map<String, Injector> injectors = new ConcurrentHashMap<>();

    GuiceExtensionFactory(PluginManager plugins) {
        this.plugins = plugins;
    }

    void register(String pluginId, Injector injector) {
        injectors.put(pluginId, injector);
    }

    void unregister(String pluginId) {
        injectors.remove(pluginId);
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        PluginWrapper owner = plugins.whichPlugin(extensionClass);
        if (owner == null) {
            throw new PluginRuntimeException("extension " + extensionClass.getName() + " belongs to no plugin");
        }
        Injector injector = injectors.get(owner.getPluginId());
        if (injector == null) {
            throw new PluginRuntimeException("plugin '" + owner.getPluginId() + "' is not active; cannot create "
                    + extensionClass.getName());
        }
        return injector.getInstance(extensionClass);
    }
}
