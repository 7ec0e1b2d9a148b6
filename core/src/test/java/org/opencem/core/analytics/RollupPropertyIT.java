package org.opencem.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.api.metric.Counters;
import org.opencem.api.survey.Answer;
import org.opencem.core.customer.AttributeFilter;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.TestRegistries;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.BothDatabases;
import org.opencem.core.store.Database;
import org.opencem.core.store.TestDatabases.Backend;

/**
 * Rollups answer exactly what the stored answers say: random responses are stored as the response writer stores them
 * (raw rows and rollups in one transaction) with random reporting zones, then random series and breakdowns (ranges,
 * intervals, filters, segments, other zones) read through {@link AnalyticsService} must equal a recomputation from
 * the generated responses themselves. The seed is fixed and printed; another one is tried with
 * {@code -Dopencem.seed=<seed>}, and a failure names its seed.
 */
class RollupPropertyIT extends BothDatabases {

    private static final long SEED = Long.getLong("opencem.seed", 20261124L);
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/Sao_Paulo"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"), ZoneId.of("Europe/Lisbon"), ZoneId.of("America/St_Johns"));
    private static final List<String> CHANNELS = List.of("web", "email", "kiosk");
    private static final List<String> TOUCHPOINTS = List.of("checkout", "store-lisbon", "support:call", "app");
    private static final List<String> TIERS = List.of("gold", "silver", "golden");
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final int DAYS = 40;
    private static final int RESPONSES = 120;
    private static final int QUERIES = 30;

    /** One stored answer with its response's dimensions. */
    private record Stored(UUID survey, String question, String channel, String touchpoint, Instant at,
                          Optional<UUID> customer, int score) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void seriesAndBreakdownsEqualARecomputationFromTheStoredAnswers(Backend backend, @TempDir Path dir) {
        System.out.println("RollupPropertyIT seed " + SEED + " (" + backend + ")");
        Random random = new Random(SEED);
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            List<UUID> surveys = List.of(StoredAnswers.survey(dsl, "One", Map.of("q1", "score", "q2", "score")),
                    StoredAnswers.survey(dsl, "Two", Map.of("q1", "score")));
            Map<UUID, String> tiers = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                String tier = TIERS.get(i % TIERS.size());
                tiers.put(StoredAnswers.customer(dsl, "{\"tier\":\"" + tier + "\",\"n\":" + i + "}"), tier);
            }
            List<UUID> customers = List.copyOf(tiers.keySet());
            ExtensionRegistry registry = new ExtensionRegistry();
            RollupStateRepository states = new RollupStateRepository(Clock.systemUTC());
            AnswerFolder folder = new AnswerFolder(registry, () -> null);
            List<ZoneId> zones = new ArrayList<>(ZONES);
            java.util.Collections.shuffle(zones, random);
            for (int trial = 0; trial < zones.size(); trial++) {
                ZoneId zone = zones.get(trial);
                ScoreHistogramMetric metric = new ScoreHistogramMetric("m" + trial, "score-" + trial);
                TestRegistries.addMetric(registry, "test", metric);
                RollupWriter writer = new RollupWriter(zone);
                List<Stored> stored = store(dsl, random, surveys, customers, metric, folder, writer, zone);
                Blocking.inTransaction(dsl, tx -> {
                    states.building(tx, metric.id(), metric.counterNames(), zone);
                    return states.ready(tx, metric.id(), metric.counterNames(), zone);
                });
                AnalyticsService analytics = new AnalyticsService(registry, states, writer, folder);
                for (int q = 0; q < QUERIES; q++) {
                    check(dsl, random, analytics, metric, zone, surveys, stored, tiers, "trial " + trial + " query " + q);
                }
            }
        }
    }

    /** Stores random responses in groups of up to ten per transaction, raw rows and rollups together. */
    private static List<Stored> store(DSLContext dsl, Random random, List<UUID> surveys, List<UUID> customers,
                                      ScoreHistogramMetric metric, AnswerFolder folder, RollupWriter writer, ZoneId zone) {
        List<Stored> stored = new ArrayList<>();
        for (int done = 0; done < RESPONSES; ) {
            int group = Math.min(1 + random.nextInt(10), RESPONSES - done);
            List<List<Stored>> batch = new ArrayList<>();
            for (int i = 0; i < group; i++) {
                UUID survey = surveys.get(random.nextInt(surveys.size()));
                Instant at = random.nextInt(5) == 0
                        // On a day boundary of the reporting zone, or one second before it.
                        ? LocalDate.ofInstant(START, zone).plusDays(random.nextInt(DAYS)).atStartOfDay(zone).toInstant()
                                .minusSeconds(random.nextInt(2))
                        : START.plusSeconds(random.nextLong(Duration.ofDays(DAYS).toSeconds()));
                String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                String touchpoint = TOUCHPOINTS.get(random.nextInt(TOUCHPOINTS.size()));
                Optional<UUID> customer = random.nextInt(4) == 0 ? Optional.empty()
                        : Optional.of(customers.get(random.nextInt(customers.size())));
                List<String> questions = survey.equals(surveys.get(0)) && random.nextBoolean() ? List.of("q1", "q2") : List.of("q1");
                batch.add(questions.stream().map(question -> new Stored(survey, question, channel, touchpoint, at, customer,
                        random.nextInt(11))).toList());
            }
            Blocking.inTransaction(dsl, tx -> {
                List<RollupDelta> deltas = new ArrayList<>();
                batch.forEach(answers -> {
                    Stored first = answers.get(0);
                    List<Answer> raw = answers.stream().map(s -> new Answer(s.question(), metric.questionTypes().iterator().next(),
                            (long) s.score())).toList();
                    StoredAnswers.response(tx, first.survey(), first.channel(), first.touchpoint(), first.at(), first.customer(), raw);
                    raw.forEach(a -> deltas.addAll(folder.fold(first.survey(), first.channel(), first.touchpoint(), first.at(), a)));
                });
                writer.add(tx, deltas);
                return null;
            });
            batch.forEach(stored::addAll);
            done += group;
        }
        return stored;
    }

    private static void check(DSLContext dsl, Random random, AnalyticsService analytics, ScoreHistogramMetric metric,
                              ZoneId reporting, List<UUID> surveys, List<Stored> stored, Map<UUID, String> tiers, String what) {
        Optional<UUID> survey = random.nextBoolean() ? Optional.of(surveys.get(random.nextInt(surveys.size()))) : Optional.empty();
        Optional<String> question = survey.isPresent() && random.nextBoolean() ? Optional.of(random.nextBoolean() ? "q1" : "q2")
                : Optional.empty();
        Optional<String> channel = random.nextInt(3) == 0 ? Optional.of(CHANNELS.get(random.nextInt(CHANNELS.size()))) : Optional.empty();
        Optional<String> touchpoint = random.nextInt(3) == 0 ? Optional.of(TOUCHPOINTS.get(random.nextInt(TOUCHPOINTS.size())))
                : Optional.empty();
        Optional<Segment> segment = random.nextInt(6) == 0 ? Optional.of(new Segment(new AttributeFilter("tier", "gold")))
                : Optional.empty();
        AnalyticsFilter filter = new AnalyticsFilter(survey, question, channel, touchpoint, segment);
        ZoneId zone = random.nextInt(3) == 0 ? ZONES.get(random.nextInt(ZONES.size())) : reporting;
        LocalDate from = LocalDate.ofInstant(START, zone).minusDays(2).plusDays(random.nextInt(DAYS));
        LocalDate to = from.plusDays(random.nextInt(DAYS));
        Interval interval = Interval.values()[random.nextInt(Interval.values().length)];
        String context = "seed " + SEED + ", " + what + ": " + filter + " " + from + ".." + to + " " + interval + " in " + zone;

        List<Stored> matching = stored.stream().filter(s -> survey.map(s.survey()::equals).orElse(true)
                && question.map(s.question()::equals).orElse(true) && channel.map(s.channel()::equals).orElse(true)
                && touchpoint.map(s.touchpoint()::equals).orElse(true)
                && segment.map(g -> s.customer().map(c -> tiers.get(c).equals("gold")).orElse(false)).orElse(true)
                && !s.at().atZone(zone).toLocalDate().isBefore(from) && !s.at().atZone(zone).toLocalDate().isAfter(to)).toList();
        String source = segment.isEmpty() && zone.getRules().equals(reporting.getRules()) ? "rollups" : "responses";

        AnalyticsService.SeriesView series = Blocking.inTransaction(dsl, tx ->
                analytics.series(tx, new AnalyticsService.SeriesQuery(metric.id(), filter, from, to, interval, zone)));
        Map<LocalDate, MetricFigure> expectedBuckets = figures(metric, matching, s -> interval.bucketOf(s.at().atZone(zone).toLocalDate()));
        List<AnalyticsService.Point> expectedSeries = interval.buckets(from, to).stream()
                .map(b -> new AnalyticsService.Point(b, expectedBuckets.getOrDefault(b, MetricFigure.of(metric.compute(Counters.zero(ScoreHistogramMetric.SCORES))))))
                .toList();
        assertThat(series.source()).as(context).isEqualTo(source);
        assertThat(series.series()).as(context).isEqualTo(expectedSeries);
        assertThat(series.total()).as(context).isEqualTo(figures(metric, matching, s -> "all").getOrDefault("all",
                MetricFigure.of(metric.compute(Counters.zero(ScoreHistogramMetric.SCORES)))));

        Breakdown by = Breakdown.values()[random.nextInt(Breakdown.values().length)];
        AnalyticsService.BreakdownView breakdown = Blocking.inTransaction(dsl, tx ->
                analytics.breakdown(tx, new AnalyticsService.BreakdownQuery(metric.id(), by, filter, from, to, zone)));
        Map<String, MetricFigure> expectedRows = figures(metric, matching, s -> switch (by) {
            case CHANNEL -> s.channel();
            case TOUCHPOINT -> s.touchpoint();
            case SURVEY -> s.survey().toString();
        });
        assertThat(breakdown.source()).as(context).isEqualTo(source);
        assertThat(breakdown.rows()).as(context + " by " + by).hasSize(expectedRows.size())
                .allSatisfy(row -> assertThat(row.figure()).as(context + " by " + by + " " + row.key()).isEqualTo(expectedRows.get(row.key())));
        assertThat(breakdown.rows()).extracting(r -> r.figure().n()).as(context).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /** Folds the matching generated answers directly, per key. */
    private static <K> Map<K, MetricFigure> figures(ScoreHistogramMetric metric, List<Stored> stored, Function<Stored, K> keyOf) {
        Map<K, Counters> counters = new HashMap<>();
        for (Stored s : stored) {
            metric.foldAnswer(new Answer(s.question(), "score", (long) s.score()),
                    counters.computeIfAbsent(keyOf.apply(s), k -> Counters.zero(ScoreHistogramMetric.SCORES)));
        }
        Map<K, MetricFigure> figures = new HashMap<>();
        counters.forEach((k, c) -> figures.put(k, MetricFigure.of(metric.compute(c))));
        return figures;
    }
}
