package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.opencem.api.metric.Counters;

/**
 * Sums rollup rows: one grouped query over the coarsest {@link RollupGrain} that keeps every dimension filtered or
 * grouped on, through the primary key {@code (metric, survey_id, question_id, bucket_day, channel, touchpoint_key,
 * counter_index)}. Its cost follows the days asked for (and, within a day, the grain's rows: at most one per
 * channel and touchpoint combination), never the number of answers.
 */
final class RollupReader {

    private RollupReader() {
    }

    /**
     * @param dsl a context
     * @param metric the metric id
     * @param counters its number of counters
     * @param filter which answers; no segment
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the summed counters of each day that has some
     */
    static Map<LocalDate, Counters> byDay(DSLContext dsl, String metric, int counters, AnalyticsFilter filter,
                                          LocalDate from, LocalDate to) {
        return sum(dsl, METRIC_ROLLUP.BUCKET_DAY, grain(metric, filter, Optional.empty(), from, to), counters, Function.identity());
    }

    /**
     * @param dsl a context
     * @param metric the metric id
     * @param counters its number of counters
     * @param filter which answers; no segment
     * @param by the grouping
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the summed counters of each group that has some
     */
    static Map<String, Counters> byGroup(DSLContext dsl, String metric, int counters, AnalyticsFilter filter, Breakdown by,
                                         LocalDate from, LocalDate to) {
        Condition where = grain(metric, filter, Optional.of(by), from, to);
        return switch (by) {
            case CHANNEL -> sum(dsl, METRIC_ROLLUP.CHANNEL, where, counters, Function.identity());
            case TOUCHPOINT -> sum(dsl, METRIC_ROLLUP.TOUCHPOINT_KEY, where, counters, Function.identity());
            case SURVEY -> sum(dsl, METRIC_ROLLUP.SURVEY_ID, where, counters, Object::toString);
        };
    }

    /** The rows of the coarsest grain keeping the filtered and grouped dimensions, filtered. */
    private static Condition grain(String metric, AnalyticsFilter filter, Optional<Breakdown> by, LocalDate from, LocalDate to) {
        RollupGrain grain = RollupGrain.keeping(filter.survey().isPresent() || by.equals(Optional.of(Breakdown.SURVEY)),
                filter.channel().isPresent() || by.equals(Optional.of(Breakdown.CHANNEL)),
                filter.touchpoint().isPresent() || by.equals(Optional.of(Breakdown.TOUCHPOINT)));
        Condition where = METRIC_ROLLUP.METRIC.eq(metric);
        if (grain.keepsSurvey()) {
            where = where.and(filter.survey().map(METRIC_ROLLUP.SURVEY_ID::eq).orElse(METRIC_ROLLUP.SURVEY_ID.ne(RollupGrain.ANY_SURVEY)))
                    .and(filter.question().map(METRIC_ROLLUP.QUESTION_ID::eq).orElse(DSL.noCondition()));
        } else {
            where = where.and(METRIC_ROLLUP.SURVEY_ID.eq(RollupGrain.ANY_SURVEY)).and(METRIC_ROLLUP.QUESTION_ID.eq(RollupGrain.ANY));
        }
        return where.and(METRIC_ROLLUP.BUCKET_DAY.between(from, to))
                .and(dimension(METRIC_ROLLUP.CHANNEL, grain.keepsChannel(), filter.channel()))
                .and(dimension(METRIC_ROLLUP.TOUCHPOINT_KEY, grain.keepsTouchpoint(), filter.touchpoint()));
    }

    private static Condition dimension(Field<String> column, boolean kept, Optional<String> value) {
        return kept ? value.map(column::eq).orElse(column.ne(RollupGrain.ANY)) : column.eq(RollupGrain.ANY);
    }

    private static <T, K> Map<K, Counters> sum(DSLContext dsl, Field<T> key, Condition where, int counters,
                                               Function<T, K> keyOf) {
        Map<K, Counters> sums = new TreeMap<>();
        for (Record3<T, Short, BigDecimal> row : dsl.select(key, METRIC_ROLLUP.COUNTER_INDEX, DSL.sum(METRIC_ROLLUP.COUNTER_VALUE))
                .from(METRIC_ROLLUP).where(where).groupBy(key, METRIC_ROLLUP.COUNTER_INDEX).fetch()) {
            int index = row.value2();
            // Rows of counters the metric no longer has are never read: rollups of other counters are not ready.
            if (index < counters) {
                sums.computeIfAbsent(keyOf.apply(row.value1()), k -> Counters.zero(counters)).add(index, row.value3().longValueExact());
            }
        }
        return sums;
    }
}
