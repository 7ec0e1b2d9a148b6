package org.opencem.core.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencem.api.plugin.ApiVersion;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager, with extensions created by each plugin's Guice injector, plugin enablement
 * kept by {@link PluginRuntime} in the store (not in files), and the api version as the system version
 * every {@code Plugin-Requires} is checked against. Not thread-safe: {@link PluginRuntime} serializes
 * every call.
 */
final class OpenCemPluginManager extends DefaultPluginManager {

    private final Map<String, String> incompatible = new ConcurrentHashMap<>();

    OpenCemPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(ApiVersion.CURRENT);
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new GuiceExtensionFactory(this);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new DisabledPlugins();
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        boolean valid = super.isPluginValid(plugin);
        if (!valid) {
            incompatible.put(plugin.getPluginId(), "the plugin requires OpenCEM api "
                    + plugin.getDescriptor().getRequires().trim() + "; this server provides " + getSystemVersion());
        }
        return valid;
    }

    /** @param pluginId a loaded plugin @return why it cannot run on this server's api, if it cannot */
    Optional<String> incompatibility(String pluginId) {
        return Optional.ofNullable(incompatible.get(pluginId));
    }

    GuiceExtensionFactory guiceFactory() {
        return (GuiceExtensionFactory) getExtensionFactory();
    }

    DisabledPlugins disabledPlugins() {
        return (DisabledPlugins) pluginStatusProvider;
    }
}
