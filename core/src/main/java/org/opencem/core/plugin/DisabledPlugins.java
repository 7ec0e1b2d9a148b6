package org.opencem.core.plugin;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.PluginStatusProvider;

/**
 * The set of disabled plugin ids PF4J consults, held in memory. {@link PluginRuntime} fills it from the
 * store before loading and writes every change to the store itself, in the transaction of the change.
 */
final class DisabledPlugins implements PluginStatusProvider {

    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    void reset(Collection<String> ids) {
        disabled.clear();
        disabled.addAll(ids);
    }

    @Override
    public boolean isPluginDisabled(String pluginId) {
        return disabled.contains(pluginId);
    }

    @Override
    public void disablePlugin(String pluginId) {
        disabled.add(pluginId);
    }

    @Override
    public void enablePlugin(String pluginId) {
        disabled.remove(pluginId);
    }
}
