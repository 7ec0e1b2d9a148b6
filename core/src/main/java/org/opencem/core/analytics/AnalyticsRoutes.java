package org.opencem.core.analytics;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opencem.api.metric.MetricType;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Authenticator;
import org.opencem.core.auth.Principal;
import org.opencem.core.auth.Role;
import org.opencem.core.customer.QueryParameters;
import org.opencem.core.http.ApiRoutes;
import org.opencem.core.http.JsonBody;
import org.opencem.core.http.ProblemException;
import org.opencem.core.http.Responses;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.store.Blocking;

/**
 * {@code /api/v1/analytics}: a metric's series, breakdowns, answer distributions, the installed metrics, and
 * rebuilds of their rollups. Parameters are checked here beyond the OpenAPI document: dates and time zones that
 * exist, {@code from} not after {@code to}, a daily series of at most five years, a well-formed segment.
 */
@Singleton
public final class AnalyticsRoutes implements ApiRoutes {

    /** The range when none is given: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;
    /** The longest daily series, in years. */
    static final int MAX_DAILY_YEARS = 5;
    /** The longest weekly or monthly series, in years. */
    static final int MAX_YEARS = 100;
    private static final int MAX_ID = 100;
    private static final int MAX_SEGMENT = 1_300;
    private static final Set<String> FILTERS = Set.of("survey", "question", "channel", "touchpoint", "segment", "from", "to", "tz");

    private final Blocking blocking;
    private final AnalyticsService analytics;
    private final Distribution distribution;
    private final RollupRebuild rebuild;
    private final ExtensionRegistry registry;
    private final RollupWriter writer;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    AnalyticsRoutes(Blocking blocking, AnalyticsService analytics, Distribution distribution, RollupRebuild rebuild,
                    ExtensionRegistry registry, RollupWriter writer, AuditLog audit, Clock clock) {
        this.blocking = blocking;
        this.analytics = analytics;
        this.distribution = distribution;
        this.rebuild = rebuild;
        this.registry = registry;
        this.writer = writer;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        var read = Authenticator.allow(Role.ADMIN, Role.INTEGRATOR, Role.ANALYST);
        api.get("/analytics").handler(read).handler(this::series);
        api.get("/analytics/breakdown").handler(read).handler(this::breakdown);
        api.get("/analytics/distribution").handler(read).handler(this::distribution);
        api.get("/analytics/metrics").handler(read).handler(ctx -> {
            QueryParameters.of(ctx, Set.of(), "").validate();
            blocking.transaction(analytics::metrics).onSuccess(metrics -> Responses.ok(ctx, metrics)).onFailure(ctx::fail);
        });
        api.post("/analytics/rebuild").handler(Authenticator.allow(Role.ADMIN, Role.INTEGRATOR)).handler(this::rebuild);
        api.get("/analytics/rebuild").handler(read).handler(ctx -> {
            QueryParameters.of(ctx, Set.of(), "").validate();
            Responses.ok(ctx, Map.of("jobs", rebuild.jobs()));
        });
    }

    private void series(RoutingContext ctx) {
        QueryParameters query = QueryParameters.of(ctx, union(FILTERS, Set.of("metric", "interval")), "");
        String metric = required(query, "metric");
        AnalyticsFilter filter = filter(query);
        Optional<String> intervalText = query.text("interval", MAX_ID);
        Optional<Interval> parsed = intervalText.flatMap(Interval::parse);
        if (intervalText.isPresent() && parsed.isEmpty()) {
            query.error("interval", "must be day, week or month");
        }
        Interval interval = parsed.orElse(Interval.DAY);
        Optional<Range> range = range(query, interval);
        query.validate();
        AnalyticsService.SeriesQuery series = new AnalyticsService.SeriesQuery(metric, filter, range.get().from(),
                range.get().to(), interval, range.get().zone());
        blocking.transaction(dsl -> analytics.series(dsl, series)).onSuccess(view -> Responses.ok(ctx, view)).onFailure(ctx::fail);
    }

    private void breakdown(RoutingContext ctx) {
        QueryParameters query = QueryParameters.of(ctx, union(FILTERS, Set.of("metric", "by")), "");
        String metric = required(query, "metric");
        Optional<String> byText = query.text("by", MAX_ID);
        Optional<Breakdown> by = byText.flatMap(Breakdown::parse);
        if (by.isEmpty()) {
            query.error("by", byText.isEmpty() ? "is required: channel, touchpoint or survey" : "must be channel, touchpoint or survey");
        }
        AnalyticsFilter filter = filter(query);
        Optional<Range> range = range(query, Interval.MONTH);
        query.validate();
        AnalyticsService.BreakdownQuery breakdown = new AnalyticsService.BreakdownQuery(metric, by.orElseThrow(), filter,
                range.get().from(), range.get().to(), range.get().zone());
        blocking.transaction(dsl -> analytics.breakdown(dsl, breakdown)).onSuccess(view -> Responses.ok(ctx, view))
                .onFailure(ctx::fail);
    }

    private void distribution(RoutingContext ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("survey", "question", "channel", "touchpoint", "from", "to", "tz"), "");
        String question = required(query, "question");
        required(query, "survey");
        AnalyticsFilter filter = filter(query);
        Optional<Range> range = range(query, Interval.MONTH);
        query.validate();
        Distribution.Query asked = new Distribution.Query(filter.survey().orElseThrow(), question, filter.channel(),
                filter.touchpoint(), range.get().from(), range.get().to(), range.get().zone());
        blocking.transaction(dsl -> distribution.of(dsl, asked)).onSuccess(view -> Responses.ok(ctx, view)).onFailure(ctx::fail);
    }

    private void rebuild(RoutingContext ctx) {
        Optional<String> metric = Optional.empty();
        if (ctx.body() != null && ctx.body().length() > 0) {
            JsonBody body = JsonBody.of(ctx).only(Set.of("metric"));
            metric = body.optionalText("metric", MAX_ID);
            body.validate();
        }
        List<ExtensionRegistry.Entry<MetricType>> metrics = metric.isPresent()
                ? List.of(registry.metricType(metric.get()).orElseThrow(() ->
                        ProblemException.badField("metric", "is not an installed metric")))
                : registry.metricTypes().stream().toList();
        List<String> ids = metrics.stream().map(e -> e.extension().id()).sorted().toList();
        Principal actor = Authenticator.principal(ctx);
        blocking.transaction(dsl -> {
            audit.record(dsl, actor, "analytics.rebuild", ids.isEmpty() ? "-" : String.join(",", ids), "");
            return null;
        }).compose(v -> blocking.run(() -> {
            metrics.forEach(rebuild::start);
            return null;
        })).onSuccess(v -> Responses.json(ctx, 202, Map.of("metrics", ids, "status", "running"))).onFailure(ctx::fail);
    }

    /** The range of days and the zone they are cut in. */
    record Range(LocalDate from, LocalDate to, ZoneId zone) {
    }

    /**
     * {@code from}, {@code to} and {@code tz}: {@code to} is today in the zone by default, {@code from} the day
     * {@value #DEFAULT_DAYS} days before it counting both; the zone is the reporting zone by default.
     */
    Optional<Range> range(QueryParameters query, Interval interval) {
        Optional<ZoneId> zone = zone(query);
        Optional<LocalDate> from = date(query, "from");
        Optional<LocalDate> to = date(query, "to");
        if (zone.isEmpty() || from.isEmpty() && query.text("from", MAX_ID).isPresent()
                || to.isEmpty() && query.text("to", MAX_ID).isPresent()) {
            return Optional.empty();
        }
        LocalDate last = to.orElseGet(() -> LocalDate.now(clock.withZone(zone.get())));
        LocalDate first = from.orElse(last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            query.error("from", "must not be after to (" + last + ")");
            return Optional.empty();
        }
        if (interval == Interval.DAY && !last.isBefore(first.plusYears(MAX_DAILY_YEARS))) {
            query.error("interval", "a daily series covers at most " + MAX_DAILY_YEARS
                    + " years: ask for week or month, or a shorter range");
            return Optional.empty();
        }
        if (!last.isBefore(first.plusYears(MAX_YEARS))) {
            query.error("to", "a range covers at most " + MAX_YEARS + " years");
            return Optional.empty();
        }
        return Optional.of(new Range(first, last, zone.get()));
    }

    /** {@code tz}, the reporting zone by default. */
    private Optional<ZoneId> zone(QueryParameters query) {
        Optional<String> tz = query.text("tz", MAX_ID);
        if (tz.isEmpty()) {
            return Optional.of(writer.zone());
        }
        try {
            return Optional.of(ZoneId.of(tz.get()));
        } catch (DateTimeException e) {
            query.error("tz", "is not a time zone (an IANA name such as Europe/Lisbon, or UTC)");
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(QueryParameters query, String name) {
        Optional<String> text = query.text(name, MAX_ID);
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            query.error(name, "must be a date, YYYY-MM-DD");
            return Optional.empty();
        }
    }

    /** The filters of every analytics read; a question needs its survey. */
    static AnalyticsFilter filter(QueryParameters query) {
        Optional<UUID> survey = query.text("survey", MAX_ID).flatMap(text -> {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                query.error("survey", "must be a survey id");
                return Optional.empty();
            }
        });
        Optional<String> question = query.text("question", MAX_ID);
        if (question.isPresent() && query.text("survey", MAX_ID).isEmpty()) {
            query.error("question", "needs survey: a question is named within its survey");
        }
        if (survey.isEmpty()) {
            question = Optional.empty();
        }
        Optional<Segment> segment = query.text("segment", MAX_SEGMENT).flatMap(text -> Segment.parse(text).or(() -> {
            query.error("segment", Segment.FORMAT);
            return Optional.empty();
        }));
        return new AnalyticsFilter(survey, question, query.text("channel", MAX_ID), query.text("touchpoint", MAX_ID), segment);
    }

    private static String required(QueryParameters query, String name) {
        Optional<String> value = query.text(name, MAX_ID);
        if (value.isEmpty()) {
            query.error(name, "is required");
        }
        return value.orElse("");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
