package org.opencem.core.plugin;

import org.opencem.api.metric.MetricType;

/** Extension registries holding test extensions, for suites that run without the plugin runtime. */
public final class TestRegistries {

    private TestRegistries() {
    }

    /**
     * @param registry a registry
     * @param pluginId the plugin the metric pretends to come from
     * @param metric a metric
     * @return the registration, to remove it again
     */
    public static Registration addMetric(ExtensionRegistry registry, String pluginId, MetricType metric) {
        return registry.addMetricType(pluginId, metric);
    }
}
