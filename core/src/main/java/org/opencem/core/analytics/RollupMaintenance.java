package org.opencem.core.analytics;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.opencem.api.metric.MetricType;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.MetricListener;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every metric's rollups whole as metrics come and go. A metric that registers with rollups missing, stale,
 * half built, or built with other counters or in another time zone is rebuilt; a metric that leaves at run time is
 * marked stale (answers stored while it is away are not in its rollups); at start, the state of every metric that
 * did not register is marked stale for the same reason.
 */
@Singleton
public final class RollupMaintenance implements MetricListener {

    private static final Logger LOG = LoggerFactory.getLogger(RollupMaintenance.class);

    private final Database database;
    private final ExtensionRegistry registry;
    private final RollupStateRepository states;
    private final RollupRebuild rebuild;
    private final RollupWriter writer;

    @Inject
    RollupMaintenance(Database database, ExtensionRegistry registry, RollupStateRepository states, RollupRebuild rebuild,
                      RollupWriter writer) {
        this.database = database;
        this.registry = registry;
        this.states = states;
        this.rebuild = rebuild;
        this.writer = writer;
    }

    @Override
    public void registered(MetricType metric) {
        try {
            Optional<RollupStateRepository.State> state = Blocking.inTransaction(database.dsl(), dsl -> states.find(dsl, metric.id()));
            if (state.isPresent() && state.get().readyFor(metric.counterNames(), writer.zone())) {
                return;
            }
            LOG.info("Rollups of metric '{}' are {}: rebuilding them from the stored answers", metric.id(),
                    state.map(s -> s.status() == RollupStatus.READY ? "of other counters or another time zone" : s.status().id())
                            .orElse("missing"));
            registry.metricType(metric.id()).ifPresent(rebuild::start);
        } catch (RuntimeException e) {
            LOG.error("Could not check the rollups of metric '{}'; analytics read its raw answers", metric.id(), e);
        }
    }

    @Override
    public void deregistered(MetricType metric) {
        try {
            rebuild.stop(metric.id());
        } catch (RuntimeException e) {
            LOG.error("Could not mark the rollups of metric '{}' stale", metric.id(), e);
        }
    }

    @Override
    public void started() {
        try {
            List<String> registered = registry.metricTypes().stream().map(e -> e.extension().id()).toList();
            List<String> stale = Blocking.inTransaction(database.dsl(), dsl -> states.staleExcept(dsl, registered));
            if (!stale.isEmpty()) {
                LOG.info("Rollups of metrics {} are stale: their plugins did not start", stale);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not mark the rollups of metrics that did not start stale", e);
        }
    }
}
