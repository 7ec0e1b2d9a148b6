package org.opencem.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.api.metric.Counters;
import org.opencem.api.metric.MetricType;
import org.opencem.api.survey.Answer;
import org.opencem.core.plugin.ExtensionRegistry;
import org.opencem.core.plugin.TestRegistries;
import org.opencem.core.store.Blocking;
import org.opencem.core.store.BothDatabases;
import org.opencem.core.store.Database;
import org.opencem.core.store.TestDatabases.Backend;

/**
 * The rollup writer on both databases: every grain, the reporting zone's days, the primary key used by the upsert,
 * concurrent writers, and day rebuilds racing writers.
 */
class RollupWriterIT extends BothDatabases {

    private static final UUID SURVEY = UUID.fromString("6d7a6a67-0a12-40c9-a646-be56017fc9f9");

    private static Map<String, Long> rows(DSLContext dsl, String metric) {
        Map<String, Long> rows = new HashMap<>();
        for (Record row : dsl.selectFrom(METRIC_ROLLUP).where(METRIC_ROLLUP.METRIC.eq(metric)).fetch()) {
            rows.put(row.get(METRIC_ROLLUP.SURVEY_ID) + "/" + row.get(METRIC_ROLLUP.QUESTION_ID) + "/" + row.get(METRIC_ROLLUP.BUCKET_DAY)
                    + "/" + row.get(METRIC_ROLLUP.CHANNEL) + "/" + row.get(METRIC_ROLLUP.TOUCHPOINT_KEY) + "/"
                    + row.get(METRIC_ROLLUP.COUNTER_INDEX), row.get(METRIC_ROLLUP.COUNTER_VALUE));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void everyDeltaIsAddedAtEveryGrainOnItsDayInTheReportingZone(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            RollupWriter writer = new RollupWriter(ZoneId.of("Asia/Kolkata"));
            // 20:00 UTC on 1 January is 01:30 on 2 January in Kolkata.
            RollupDelta delta = new RollupDelta("nps", SURVEY, "q1", "web", "checkout", Instant.parse("2026-01-01T20:00:00Z"),
                    Counters.of(2, 0, 1));
            Blocking.inTransaction(database.dsl(), tx -> {
                writer.add(tx, List.of(delta));
                return null;
            });
            Blocking.inTransaction(database.dsl(), tx -> {
                writer.add(tx, List.of(delta, delta));
                return null;
            });

            String any = RollupGrain.ANY_SURVEY + "/*/2026-01-02/";
            String detail = SURVEY + "/q1/2026-01-02/";
            assertThat(rows(database.dsl(), "nps")).containsOnly(
                    Map.entry(detail + "web/checkout/0", 6L), Map.entry(detail + "web/checkout/2", 3L),
                    Map.entry(detail + "*/*/0", 6L), Map.entry(detail + "*/*/2", 3L),
                    Map.entry(any + "web/*/0", 6L), Map.entry(any + "web/*/2", 3L),
                    Map.entry(any + "*/checkout/0", 6L), Map.entry(any + "*/checkout/2", 3L),
                    Map.entry(any + "*/*/0", 6L), Map.entry(any + "*/*/2", 3L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void upsertFindsItsRowThroughThePrimaryKey(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            RollupWriter writer = new RollupWriter(ZoneOffset.UTC);
            List<RollupDelta> deltas = new ArrayList<>();
            for (int day = 0; day < 8; day++) {
                for (int channel = 0; channel < 5; channel++) {
                    for (int touchpoint = 0; touchpoint < 50; touchpoint++) {
                        deltas.add(new RollupDelta("nps", SURVEY, "q1", "c" + channel, "t" + touchpoint,
                                Instant.parse("2026-01-01T10:00:00Z").plus(Duration.ofDays(day)), Counters.of(1, 0, 0)));
                    }
                }
            }
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                Blocking.inTransaction(dsl, tx -> {
                    writer.add(tx, deltas);
                    return null;
                });
                System.out.printf("%s: %d deltas, %d rows upserted in %.1f ms%n", backend, deltas.size(),
                        rows(dsl, "nps").size(), (System.nanoTime() - start) / 1e6);
            }

            String upsert = dsl.renderInlined(RollupWriter.upsert(dsl, "nps", SURVEY, "q1", LocalDate.parse("2026-01-03"),
                    "c1", "t1", (short) 0, 1L));
            String plan = String.join("\n", dsl.fetch("explain " + upsert).getValues(0, String.class));
            if (backend.postgres()) {
                assertThat(plan).contains("Conflict Arbiter Indexes: metric_rollup_pk");
            } else {
                assertThat(plan).as(plan).containsPattern("/\\* public\\.PRIMARY_KEY_[0-9A-F]+: metric = .*\\s+AND survey_id = .*"
                                + "\\s+AND question_id = .*\\s+AND bucket_day = .*\\s+AND channel = .*\\s+AND touchpoint_key = .*"
                                + "\\s+AND counter_index = ")
                        .doesNotContain("tableScan");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentWritersAddEveryDelta(Backend backend, @TempDir Path dir) throws Exception {
        try (Database database = backend.open(dir)) {
            RollupWriter writer = new RollupWriter(ZoneOffset.UTC);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<Map<String, Long>>> written = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                written.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    Map<String, Long> added = new HashMap<>();
                    for (int i = 0; i < 40; i++) {
                        List<RollupDelta> deltas = new ArrayList<>();
                        for (int d = 0; d < 1 + random.nextInt(5); d++) {
                            int counter = random.nextInt(3);
                            Counters counters = Counters.zero(3).add(counter, 1 + random.nextInt(3));
                            String channel = random.nextBoolean() ? "web" : "email";
                            deltas.add(new RollupDelta("nps", SURVEY, "q1", channel, "checkout",
                                    Instant.parse("2026-01-01T10:00:00Z").plus(Duration.ofDays(random.nextInt(3))), counters));
                        }
                        Blocking.inTransaction(database.dsl(), tx -> {
                            writer.add(tx, deltas);
                            return null;
                        });
                        for (RollupDelta delta : deltas) {
                            String key = RollupGrain.ANY_SURVEY + "/*/" + delta.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()
                                    + "/*/*/";
                            for (int c = 0; c < 3; c++) {
                                if (delta.counters().get(c) > 0) {
                                    added.merge(key + c, delta.counters().get(c), Long::sum);
                                }
                            }
                        }
                    }
                    return added;
                }));
            }
            Map<String, Long> expected = new HashMap<>();
            for (Future<Map<String, Long>> thread : written) {
                thread.get().forEach((k, v) -> expected.merge(k, v, Long::sum));
            }
            threads.shutdown();

            Map<String, Long> totals = new HashMap<>();
            rows(database.dsl(), "nps").forEach((k, v) -> {
                if (k.startsWith(RollupGrain.ANY_SURVEY + "/*/") && k.contains("/*/*/")) {
                    totals.put(k, v);
                }
            });
            assertThat(totals).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aWriterOfADayBeingRebuiltWaitsForItAndIsCountedOnce(Backend backend, @TempDir Path dir) throws Exception {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            ZoneId zone = ZoneOffset.UTC;
            LocalDate day = LocalDate.parse("2026-03-01");
            Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
            UUID survey = StoredAnswers.survey(dsl, "Race", Map.of("q1", "score"));
            ExtensionRegistry registry = new ExtensionRegistry();
            TestRegistries.addMetric(registry, "test", new ScoreHistogramMetric("race", "score"));
            ExtensionRegistry.Entry<MetricType> metric = registry.metricType("race").orElseThrow();
            AnswerFolder folder = new AnswerFolder(registry, () -> null);
            RollupWriter writer = new RollupWriter(zone);
            Answer five = new Answer("q1", "score", 5L);
            Answer nine = new Answer("q1", "score", 9L);
            Blocking.inTransaction(dsl, tx -> {
                StoredAnswers.response(tx, survey, "web", "checkout", at, Optional.empty(), List.of(five));
                writer.add(tx, folder.fold(survey, "web", "checkout", at, five));
                return null;
            });
            CountDownLatch deleted = new CountDownLatch(1);
            CountDownLatch nineCommitted = new CountDownLatch(1);
            AtomicBoolean committedMeanwhile = new AtomicBoolean();
            ExecutorService threads = Executors.newFixedThreadPool(2);

            Future<?> rebuild = threads.submit(() -> Blocking.inTransaction(dsl, tx -> writer.replaceDay(tx, "race",
                    ScoreHistogramMetric.SCORES, day, RollupRebuild.prefixes(tx), () -> {
                        deleted.countDown();
                        try {
                            // A writer of the day must not commit while the day is replaced: wait to see it does not.
                            committedMeanwhile.set(nineCommitted.await(2, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return RollupRebuild.recompute(tx, folder, metric, day, zone);
                    })));
            Future<?> answer = threads.submit(() -> {
                deleted.await();
                Blocking.inTransaction(dsl, tx -> {
                    StoredAnswers.response(tx, survey, "web", "checkout", at.plusSeconds(60), Optional.empty(), List.of(nine));
                    writer.add(tx, folder.fold(survey, "web", "checkout", at.plusSeconds(60), nine));
                    return null;
                });
                nineCommitted.countDown();
                return null;
            });
            rebuild.get();
            answer.get();
            threads.shutdown();

            assertThat(committedMeanwhile).as("the writer committed while its day was being replaced").isFalse();
            assertThat(rows(dsl, "race")).containsEntry(RollupGrain.ANY_SURVEY + "/*/" + day + "/*/*/5", 1L)
                    .containsEntry(RollupGrain.ANY_SURVEY + "/*/" + day + "/*/*/9", 1L)
                    .containsEntry(survey + "/q1/" + day + "/web/checkout/9", 1L)
                    .hasSize(2 * RollupGrain.values().length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rebuildingDaysWhileAnswersKeepArrivingCountsEachAnswerOnce(Backend backend, @TempDir Path dir) throws Exception {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            ZoneId zone = ZoneId.of("America/Sao_Paulo");
            LocalDate first = LocalDate.parse("2026-03-01");
            Clock clock = Clock.fixed(first.plusDays(1).atStartOfDay(zone).toInstant(), zone);
            UUID survey = StoredAnswers.survey(dsl, "Race", Map.of("q1", "score"));
            ScoreHistogramMetric metric = new ScoreHistogramMetric("race", "score");
            ExtensionRegistry registry = new ExtensionRegistry();
            TestRegistries.addMetric(registry, "test", metric);
            ExtensionRegistry.Entry<MetricType> entry = registry.metricType("race").orElseThrow();
            AnswerFolder folder = new AnswerFolder(registry, () -> null);
            RollupWriter writer = new RollupWriter(zone);
            RollupStateRepository states = new RollupStateRepository(clock);
            List<Map.Entry<Instant, Answer>> stored = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = t;
                done.add(writers.submit(() -> {
                    Random random = new Random(seed);
                    while (writing.get()) {
                        Answer answer = new Answer("q1", "score", (long) random.nextInt(11));
                        // Within the three days the rebuild covers: the day before "today" to the day after it.
                        Instant at = first.atStartOfDay(zone).toInstant().plusSeconds(random.nextLong(3 * 86_400));
                        String touchpoint = random.nextBoolean() ? "checkout" : "app";
                        Blocking.inTransaction(dsl, tx -> {
                            StoredAnswers.response(tx, survey, "web", touchpoint, at, Optional.empty(), List.of(answer));
                            writer.add(tx, folder.fold(survey, "web", touchpoint, at, answer));
                            return null;
                        });
                        stored.add(Map.entry(at, answer));
                    }
                    return null;
                }));
            }
            try (RollupRebuild rebuild = new RollupRebuild(database, writer, states, folder, clock)) {
                for (int round = 0; round < 5; round++) {
                    rebuild.start(entry);
                    await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild.jobs().get(0).status().equals("running"));
                    RollupRebuild.JobView job = rebuild.jobs().get(0);
                    assertThat(job.status()).isEqualTo("done");
                    assertThat(job.processed()).isEqualTo(job.total()).isBetween(2L, 3L);
                }
                writing.set(false);
                for (Future<?> writer1 : done) {
                    writer1.get();
                }
            }
            writers.shutdown();

            AnalyticsService analytics = new AnalyticsService(registry, states, writer, folder);
            AnalyticsService.SeriesView series = Blocking.inTransaction(dsl, tx -> analytics.series(tx,
                    new AnalyticsService.SeriesQuery("race", AnalyticsFilter.NONE, first, first.plusDays(3), Interval.DAY, zone)));
            assertThat(series.source()).isEqualTo("rollups");
            Map<LocalDate, Counters> expected = new HashMap<>();
            for (Map.Entry<Instant, Answer> answer : stored) {
                metric.foldAnswer(answer.getValue(), expected.computeIfAbsent(answer.getKey().atZone(zone).toLocalDate(),
                        d -> Counters.zero(ScoreHistogramMetric.SCORES)));
            }
            System.out.printf("%s: %d answers stored during 5 rebuilds%n", backend, stored.size());
            assertThat(stored).hasSizeGreaterThan(20);
            for (AnalyticsService.Point point : series.series()) {
                assertThat(point.figure()).as(point.bucket().toString()).isEqualTo(MetricFigure.of(metric.compute(
                        expected.getOrDefault(point.bucket(), Counters.zero(ScoreHistogramMetric.SCORES)))));
            }
        }
    }
}
