package org.opencem.core.analytics;

import static org.opencem.core.store.schema.Tables.SURVEY;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.core.http.ProblemException;
import org.opencem.core.plugin.ExtensionRegistry;

/**
 * Series and breakdowns of a metric: counters summed per day, then per bucket or group, turned into values by the
 * metric itself. Counters come from the rollups ({@code source: rollups}) when they can answer: the series is in
 * the reporting zone, has no segment, and the metric's rollups are ready. Otherwise they are folded from the stored
 * answers through the same metric ({@code source: responses}), whose cost grows with the answers of the range
 * ({@link RawAnswers}).
 */
@Singleton
public final class AnalyticsService {

    /** Where counters were read from. */
    static final String ROLLUPS = "rollups";
    static final String RESPONSES = "responses";

    /**
     * A series asked for.
     *
     * @param metric the metric id
     * @param filter which answers
     * @param from first day, inclusive, in {@code zone}
     * @param to last day, inclusive
     * @param interval the bucket width
     * @param zone the zone days are cut in
     */
    public record SeriesQuery(String metric, AnalyticsFilter filter, LocalDate from, LocalDate to, Interval interval,
                              ZoneId zone) {
    }

    /**
     * A series.
     *
     * @param metric the metric id
     * @param interval the bucket width
     * @param timeZone the zone days are cut in
     * @param from first day
     * @param to last day
     * @param source {@code rollups} or {@code responses}
     * @param total the value over the whole range
     * @param series every bucket of the range, in order
     */
    public record SeriesView(String metric, String interval, String timeZone, LocalDate from, LocalDate to, String source,
                             MetricFigure total, List<Point> series) {
    }

    /** @param bucket the bucket's first day @param figure its value */
    public record Point(LocalDate bucket, @JsonUnwrapped MetricFigure figure) {
    }

    /**
     * A breakdown asked for.
     *
     * @param metric the metric id
     * @param by the grouping
     * @param filter which answers
     * @param from first day, inclusive, in {@code zone}
     * @param to last day, inclusive
     * @param zone the zone days are cut in
     */
    public record BreakdownQuery(String metric, Breakdown by, AnalyticsFilter filter, LocalDate from, LocalDate to,
                                 ZoneId zone) {
    }

    /**
     * A breakdown.
     *
     * @param metric the metric id
     * @param by the grouping
     * @param timeZone the zone days are cut in
     * @param from first day
     * @param to last day
     * @param source {@code rollups} or {@code responses}
     * @param total the value over every group
     * @param rows one per group with answers, the largest first
     */
    public record BreakdownView(String metric, String by, String timeZone, LocalDate from, LocalDate to, String source,
                                MetricFigure total, List<Row> rows) {
    }

    /** @param key the channel, touchpoint or survey id @param figure its value */
    public record Row(String key, @JsonUnwrapped MetricFigure figure) {
    }

    /**
     * An installed metric.
     *
     * @param id its id
     * @param displayName its name
     * @param questionTypes the question types it reads
     * @param counterNames its counters
     * @param rollups {@code ready}, {@code stale} or {@code building}
     */
    public record MetricView(String id, String displayName, List<String> questionTypes, List<String> counterNames,
                             String rollups) {
    }

    private final ExtensionRegistry registry;
    private final RollupStateRepository states;
    private final RollupWriter writer;
    private final AnswerFolder folder;

    @Inject
    AnalyticsService(ExtensionRegistry registry, RollupStateRepository states, RollupWriter writer, AnswerFolder folder) {
        this.registry = registry;
        this.states = states;
        this.writer = writer;
        this.folder = folder;
    }

    /**
     * @param dsl a context, in a transaction
     * @param query the series
     * @return every bucket of the range and the total
     * @throws ProblemException 400 naming {@code metric} or {@code survey} when unknown
     */
    public SeriesView series(DSLContext dsl, SeriesQuery query) {
        ExtensionRegistry.Entry<MetricType> metric = metric(query.metric());
        checkSurvey(dsl, query.filter());
        MetricType type = metric.extension();
        int length = type.counterNames().size();
        boolean rollups = rollupsAnswer(dsl, type, query.filter(), query.zone());
        Map<LocalDate, Counters> days = rollups
                ? RollupReader.byDay(dsl, type.id(), length, query.filter(), query.from(), query.to())
                : raw(dsl, metric, query.filter(), query.from(), query.to(), query.zone(),
                        row -> row.occurredAt().atZone(query.zone()).toLocalDate());
        Map<LocalDate, Counters> buckets = new HashMap<>();
        Counters total = Counters.zero(length);
        days.forEach((day, counters) -> {
            buckets.computeIfAbsent(query.interval().bucketOf(day), b -> Counters.zero(length)).merge(counters);
            total.merge(counters);
        });
        List<Point> series = new ArrayList<>();
        for (LocalDate bucket : query.interval().buckets(query.from(), query.to())) {
            series.add(new Point(bucket, MetricFigure.of(type.compute(buckets.getOrDefault(bucket, Counters.zero(length))))));
        }
        return new SeriesView(type.id(), query.interval().id(), query.zone().getId(), query.from(), query.to(),
                rollups ? ROLLUPS : RESPONSES, MetricFigure.of(type.compute(total)), series);
    }

    /**
     * @param dsl a context, in a transaction
     * @param query the breakdown
     * @return one row per group with answers, and the total
     * @throws ProblemException 400 naming {@code metric} or {@code survey} when unknown
     */
    public BreakdownView breakdown(DSLContext dsl, BreakdownQuery query) {
        ExtensionRegistry.Entry<MetricType> metric = metric(query.metric());
        checkSurvey(dsl, query.filter());
        MetricType type = metric.extension();
        int length = type.counterNames().size();
        boolean rollups = rollupsAnswer(dsl, type, query.filter(), query.zone());
        Map<String, Counters> groups = rollups
                ? RollupReader.byGroup(dsl, type.id(), length, query.filter(), query.by(), query.from(), query.to())
                : raw(dsl, metric, query.filter(), query.from(), query.to(), query.zone(), query.by()::keyOf);
        Counters total = Counters.zero(length);
        groups.values().forEach(total::merge);
        List<Row> rows = groups.entrySet().stream()
                .map(e -> new Row(e.getKey(), MetricFigure.of(type.compute(e.getValue()))))
                .sorted(Comparator.comparingLong((Row r) -> r.figure().n()).reversed().thenComparing(Row::key))
                .toList();
        return new BreakdownView(type.id(), query.by().id(), query.zone().getId(), query.from(), query.to(),
                rollups ? ROLLUPS : RESPONSES, MetricFigure.of(type.compute(total)), rows);
    }

    /** @param dsl a context @return every installed metric, by id, with the state of its rollups */
    public List<MetricView> metrics(DSLContext dsl) {
        Map<String, RollupStateRepository.State> stored = new HashMap<>();
        states.all(dsl).forEach(state -> stored.put(state.metric(), state));
        return registry.metricTypes().stream().map(ExtensionRegistry.Entry::extension)
                .sorted(Comparator.comparing(MetricType::id))
                .map(type -> new MetricView(type.id(), type.displayName(), type.questionTypes().stream().sorted().toList(),
                        type.counterNames(), status(stored.get(type.id()), type).id()))
                .toList();
    }

    private RollupStatus status(RollupStateRepository.State state, MetricType type) {
        if (state == null) {
            return RollupStatus.STALE;
        }
        if (state.status() == RollupStatus.BUILDING || state.readyFor(type.counterNames(), writer.zone())) {
            return state.status();
        }
        return RollupStatus.STALE;
    }

    private ExtensionRegistry.Entry<MetricType> metric(String id) {
        return registry.metricType(id).orElseThrow(() -> ProblemException.badField("metric", "is not an installed metric ("
                + (registry.metricTypes().isEmpty() ? "none is installed"
                : "installed: " + String.join(", ", registry.metricTypes().stream().map(e -> e.extension().id()).sorted().toList()))
                + ")"));
    }

    private static void checkSurvey(DSLContext dsl, AnalyticsFilter filter) {
        if (filter.survey().isPresent() && !dsl.fetchExists(SURVEY, SURVEY.ID.eq(filter.survey().get()))) {
            throw ProblemException.badField("survey", "is not a survey");
        }
    }

    /** Whether the rollups can answer: the reporting zone's days, no segment, and ready rollups of the metric's counters. */
    private boolean rollupsAnswer(DSLContext dsl, MetricType type, AnalyticsFilter filter, ZoneId zone) {
        return filter.segment().isEmpty() && zone.getRules().equals(writer.zone().getRules())
                && states.find(dsl, type.id()).map(s -> s.readyFor(type.counterNames(), writer.zone())).orElse(false);
    }

    /** Folds the stored answers of the range into counters per key. */
    private <K> Map<K, Counters> raw(DSLContext dsl, ExtensionRegistry.Entry<MetricType> metric, AnalyticsFilter filter,
                                     LocalDate from, LocalDate to, ZoneId zone, Function<RawAnswers.Row, K> keyOf) {
        MetricType type = metric.extension();
        Map<K, Counters> sums = new HashMap<>();
        RawAnswers.scan(dsl, type.questionTypes(), from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), filter, row -> sums
                        .computeIfAbsent(keyOf.apply(row), k -> Counters.zero(type.counterNames().size()))
                        .merge(folder.fold(metric, row.answer()).orElseThrow(() -> new IllegalStateException(
                                "metric '" + type.id() + "' failed while folding an answer"))));
        return sums;
    }
}
