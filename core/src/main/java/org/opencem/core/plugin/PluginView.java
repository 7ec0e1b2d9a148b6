package org.opencem.core.plugin;

import java.util.List;
import java.util.Optional;

/**
 * A plugin as the API shows it.
 *
 * @param id plugin id
 * @param version plugin version
 * @param description what it does
 * @param provider who made it
 * @param requires the api versions it works with
 * @param state STARTED, STOPPED, DISABLED or FAILED
 * @param error why it FAILED; empty otherwise
 * @param extensions what it provides
 */
public record PluginView(String id, String version, String description, String provider, String requires, String state,
                         Optional<String> error, List<ExtensionView> extensions) {

    /**
     * One extension of a plugin.
     *
     * @param kind {@code channel}, {@code metric}, {@code question}, or {@code other}
     * @param id the extension's id; known only while the plugin runs
     * @param className the implementing class
     */
    public record ExtensionView(String kind, Optional<String> id, String className) {
    }
}
