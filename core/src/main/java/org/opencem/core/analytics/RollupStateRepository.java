package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP_STATE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.opencem.core.http.Json;
import org.opencem.core.store.schema.tables.records.MetricRollupStateRecord;

/**
 * {@code metric_rollup_state}: per metric, the counter names and time zone its rollups were built with, and whether
 * they hold every answer. Rollups are read only while the state is {@link RollupStatus#READY} with the metric's
 * current counter names and the configured reporting zone.
 */
@Singleton
public final class RollupStateRepository {

    /**
     * A metric's rollup state.
     *
     * @param metric the metric id
     * @param counterNames the counter names the rollups hold
     * @param timeZone the zone their days are cut in
     * @param status whether they are whole
     */
    public record State(String metric, List<String> counterNames, String timeZone, RollupStatus status) {

        /**
         * @param currentCounters the metric's counter names now
         * @param zone the reporting zone now
         * @return whether rollups can be read for it
         */
        public boolean readyFor(List<String> currentCounters, ZoneId zone) {
            return status == RollupStatus.READY && counterNames.equals(currentCounters) && timeZone.equals(zone.getId());
        }
    }

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final Clock clock;

    @Inject
    RollupStateRepository(Clock clock) {
        this.clock = clock;
    }

    /** @param dsl a context @param metric a metric id @return its state, if any */
    public Optional<State> find(DSLContext dsl, String metric) {
        return dsl.selectFrom(METRIC_ROLLUP_STATE).where(METRIC_ROLLUP_STATE.METRIC.eq(metric)).fetchOptional()
                .map(RollupStateRepository::state);
    }

    /** @param dsl a context @return every metric's state */
    public List<State> all(DSLContext dsl) {
        return dsl.selectFrom(METRIC_ROLLUP_STATE).orderBy(METRIC_ROLLUP_STATE.METRIC).fetch(RollupStateRepository::state);
    }

    /**
     * Records that a rebuild with these counters and zone started.
     *
     * @param dsl a context
     * @param metric the metric id
     * @param counterNames its counter names
     * @param zone the reporting zone
     */
    public void building(DSLContext dsl, String metric, List<String> counterNames, ZoneId zone) {
        String names = names(counterNames);
        dsl.insertInto(METRIC_ROLLUP_STATE)
                .set(METRIC_ROLLUP_STATE.METRIC, metric)
                .set(METRIC_ROLLUP_STATE.COUNTER_NAMES, names)
                .set(METRIC_ROLLUP_STATE.TIME_ZONE, zone.getId())
                .set(METRIC_ROLLUP_STATE.STATUS, RollupStatus.BUILDING.id())
                .set(METRIC_ROLLUP_STATE.UPDATED_AT, clock.instant())
                .onConflict(METRIC_ROLLUP_STATE.METRIC).doUpdate()
                .set(METRIC_ROLLUP_STATE.COUNTER_NAMES, names)
                .set(METRIC_ROLLUP_STATE.TIME_ZONE, zone.getId())
                .set(METRIC_ROLLUP_STATE.STATUS, RollupStatus.BUILDING.id())
                .set(METRIC_ROLLUP_STATE.UPDATED_AT, clock.instant())
                .execute();
    }

    /**
     * Records that the rebuild started by {@link #building} finished, unless the state changed meanwhile.
     *
     * @param dsl a context
     * @param metric the metric id
     * @param counterNames the counter names it was built with
     * @param zone the zone it was built in
     * @return whether the state is now ready
     */
    public boolean ready(DSLContext dsl, String metric, List<String> counterNames, ZoneId zone) {
        return dsl.update(METRIC_ROLLUP_STATE)
                .set(METRIC_ROLLUP_STATE.STATUS, RollupStatus.READY.id())
                .set(METRIC_ROLLUP_STATE.UPDATED_AT, clock.instant())
                .where(METRIC_ROLLUP_STATE.METRIC.eq(metric), METRIC_ROLLUP_STATE.STATUS.eq(RollupStatus.BUILDING.id()),
                        METRIC_ROLLUP_STATE.COUNTER_NAMES.eq(names(counterNames)), METRIC_ROLLUP_STATE.TIME_ZONE.eq(zone.getId()))
                .execute() == 1;
    }

    /** @param dsl a context @param metric a metric id whose rollups may miss answers from now on */
    public void stale(DSLContext dsl, String metric) {
        dsl.update(METRIC_ROLLUP_STATE)
                .set(METRIC_ROLLUP_STATE.STATUS, RollupStatus.STALE.id())
                .set(METRIC_ROLLUP_STATE.UPDATED_AT, clock.instant())
                .where(METRIC_ROLLUP_STATE.METRIC.eq(metric), METRIC_ROLLUP_STATE.STATUS.ne(RollupStatus.STALE.id()))
                .execute();
    }

    /**
     * @param dsl a context
     * @param registered the metrics registered now
     * @return the metrics of the other states, now stale
     */
    public List<String> staleExcept(DSLContext dsl, Collection<String> registered) {
        List<String> others = dsl.select(METRIC_ROLLUP_STATE.METRIC).from(METRIC_ROLLUP_STATE)
                .where(METRIC_ROLLUP_STATE.STATUS.ne(RollupStatus.STALE.id()))
                .fetch(METRIC_ROLLUP_STATE.METRIC).stream().filter(m -> !registered.contains(m)).toList();
        others.forEach(metric -> stale(dsl, metric));
        return others;
    }

    private static State state(MetricRollupStateRecord row) {
        try {
            return new State(row.getMetric(), Json.MAPPER.readValue(row.getCounterNames(), NAMES), row.getTimeZone(),
                    RollupStatus.parse(row.getStatus()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable counter names of metric '" + row.getMetric() + "'", e);
        }
    }

    private static String names(List<String> counterNames) {
        try {
            return Json.MAPPER.writeValueAsString(counterNames);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write counter names", e);
        }
    }
}
