package org.opencem.core.plugin;

import org.opencem.api.metric.MetricType;

/**
 * Told when metrics come and go, so that their rollups can be kept whole: a metric that was away missed the answers
 * stored meanwhile. Called on the plugin runtime's thread, in order; implementations must return quickly (a short
 * store update, a rebuild queued elsewhere).
 */
public interface MetricListener {

    /**
     * A metric was registered: its plugin started (at start-up, install, enable), and answers stored from now on
     * are folded into its rollups.
     *
     * @param metric the metric
     */
    void registered(MetricType metric);

    /**
     * A registered metric is about to leave at run time (its plugin is disabled, uninstalled or FAILED), while
     * answers keep being stored without it. Not called when the server stops: no answer is stored after that.
     *
     * @param metric the metric
     */
    void deregistered(MetricType metric);

    /** Start-up has activated every plugin that starts: the metrics registered now are all there are. */
    void started();
}
