package org.opencem.api.plugin;

import java.nio.file.Path;
import org.opencem.api.annotation.PublicApi;

/**
 * The running plugin's own facts; injectable into any of its extensions.
 *
 * @param id the plugin id, kebab-case ({@code channel-email})
 * @param version the plugin version
 * @param dataDir a directory for the plugin's files, created on demand, kept across restarts and upgrades
 */
@PublicApi
public record PluginInfo(String id, String version, Path dataDir) {
}
