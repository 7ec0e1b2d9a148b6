package org.opencem.bench;

import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.opencem.core.analytics.RollupGrain;
import org.opencem.core.store.Database;

/**
 * The baseline of the analytics benchmark: a daily NPS series computed with one GROUP BY over the raw responses
 * ({@code response} joined with its NPS answers, promoters, passives and detractors counted per day), timed over
 * repeated runs on the store the server serves, while the server is stopped (H2 locks its file: a second process
 * could only share it through H2's AUTO_SERVER mode, which would put a TCP hop in front of the baseline and not of
 * the server). It runs in its own JVM on the server's H2 URL (same page cache), after untimed runs that warm the
 * JIT and the caches, with no HTTP, authentication or JSON in front of it, which favours the baseline. Days are cut
 * in the dataset's reporting zone (the H2 session's zone, set from the JVM's). The series is written for the
 * probe to compare with the API's, and compared here with the rollup rows of the whole-store grain, as a check of
 * the loader.
 *
 * Like the probe, it waits for a quiet machine first and reports the CPU other processes took during the runs.
 *
 * <p>Usage: {@code RawNpsSeries DATA_DIR DATASET_FILE FROM TO RUNS QUIET_SECONDS SERIES_FILE}, FROM and TO inclusive
 * dates.
 */
public final class RawNpsSeries {

    private static final int WARMUP_RUNS = 2;

    private RawNpsSeries() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: RawNpsSeries DATA_DIR DATASET_FILE FROM TO RUNS QUIET_SECONDS SERIES_FILE");
            System.exit(2);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path dataDir = Path.of(args[0]);
        AnalyticsDataset dataset = AnalyticsDataset.read(Path.of(args[1]));
        LocalDate from = LocalDate.parse(args[2]);
        LocalDate to = LocalDate.parse(args[3]);
        int runs = Integer.parseInt(args[4]);
        TimeZone.setDefault(TimeZone.getTimeZone(dataset.zone()));
        try (Connection connection = DriverManager.getConnection(Database.h2Url(dataDir), "sa", "")) {
            DSLContext dsl = DSL.using(connection, SQLDialect.H2);
            ResultQuery<Record4<LocalDate, Integer, Integer, Integer>> query = query(dsl, dataset, from, to);
            System.out.println(dsl.explain(query).plan().replace("{lf}", "\n"));
            Map<LocalDate, long[]> series = run(query);
            write(series, Path.of(args[6]));
            long answers = series.values().stream().mapToLong(c -> c[0] + c[1] + c[2]).sum();
            System.out.printf("raw_series days=%d answers=%d equals_rollup_rows=%s%n", series.size(), answers,
                    equal(series, rollups(dsl, from, to)));
            for (int i = 0; i < WARMUP_RUNS; i++) {
                run(query(dsl, dataset, from.minusDays(i + 1), to.minusDays(i + 1)));
            }
            CpuMeter cpu = new CpuMeter(ProcessHandle.current().pid());
            cpu.awaitQuiet(Duration.ofSeconds(Long.parseLong(args[5])), CpuMeter.QUIET_BUSY_CORES);
            CpuMeter.Start cpuStart = cpu.start();
            Latencies latencies = new Latencies();
            for (int i = 0; i < runs; i++) {
                int shift = Ranges.shift(i);
                query = query(dsl, dataset, from.minusDays(shift), to.minusDays(shift));
                long start = System.nanoTime();
                run(query);
                latencies.record((System.nanoTime() - start) / 1_000);
            }
            CpuMeter.Usage usage = cpuStart.stop();
            // The "server" of this meter is this process: what the rest of the machine did is machine - server.
            System.out.printf("raw n=%d p50_ms=%.2f p95_ms=%.2f max_ms=%.2f own_cores=%.2f others_cores=%.2f%n", runs,
                    latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.maxMillis(), usage.server(),
                    Math.max(0, usage.machine() - usage.server()));
        }
    }

    /** @return the GROUP BY over the days from {@code from} to {@code to}, inclusive, in the dataset's zone */
    private static ResultQuery<Record4<LocalDate, Integer, Integer, Integer>> query(DSLContext dsl, AnalyticsDataset dataset,
                                                                                   LocalDate fromDay, LocalDate toDay) {
        Instant from = fromDay.atStartOfDay(dataset.zone()).toInstant();
        Instant to = toDay.plusDays(1).atStartOfDay(dataset.zone()).toInstant();
        Field<LocalDate> day = DSL.cast(RESPONSE.OCCURRED_AT, SQLDataType.LOCALDATE).as("day");
        return dsl.select(day,
                        DSL.count().filterWhere(RESPONSE_ANSWER.SCORE.ge(9L)),
                        DSL.count().filterWhere(RESPONSE_ANSWER.SCORE.between(7L, 8L)),
                        DSL.count().filterWhere(RESPONSE_ANSWER.SCORE.le(6L)))
                .from(RESPONSE)
                .join(RESPONSE_ANSWER).on(RESPONSE_ANSWER.RESPONSE_ID.eq(RESPONSE.ID))
                .where(RESPONSE_ANSWER.QUESTION_TYPE.eq("nps"))
                .and(RESPONSE.OCCURRED_AT.ge(from))
                .and(RESPONSE.OCCURRED_AT.lt(to))
                .groupBy(day)
                .orderBy(day);
    }

    /** @return promoters, passives and detractors per day */
    private static Map<LocalDate, long[]> run(ResultQuery<Record4<LocalDate, Integer, Integer, Integer>> query) {
        Map<LocalDate, long[]> series = new TreeMap<>();
        for (Record4<LocalDate, Integer, Integer, Integer> row : query.fetch()) {
            series.put(row.value1(), new long[] {row.value2(), row.value3(), row.value4()});
        }
        return series;
    }

    /** @return the NPS counters per day of the rollup rows summed over every survey, channel and touchpoint */
    private static Map<LocalDate, long[]> rollups(DSLContext dsl, LocalDate from, LocalDate to) {
        Map<LocalDate, long[]> series = new TreeMap<>();
        dsl.select(METRIC_ROLLUP.BUCKET_DAY, METRIC_ROLLUP.COUNTER_INDEX, METRIC_ROLLUP.COUNTER_VALUE)
                .from(METRIC_ROLLUP)
                .where(METRIC_ROLLUP.METRIC.eq("nps"))
                .and(METRIC_ROLLUP.SURVEY_ID.eq(RollupGrain.ANY_SURVEY))
                .and(METRIC_ROLLUP.QUESTION_ID.eq(RollupGrain.ANY))
                .and(METRIC_ROLLUP.CHANNEL.eq(RollupGrain.ANY))
                .and(METRIC_ROLLUP.TOUCHPOINT_KEY.eq(RollupGrain.ANY))
                .and(METRIC_ROLLUP.BUCKET_DAY.between(from, to))
                .forEach(row -> series.computeIfAbsent(row.value1(), d -> new long[3])[row.value2()] = row.value3());
        return series;
    }

    private static boolean equal(Map<LocalDate, long[]> a, Map<LocalDate, long[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    /** Writes {@code day promoters passives detractors}, one day a line. */
    private static void write(Map<LocalDate, long[]> series, Path file) throws Exception {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            series.forEach((day, c) -> out.printf("%s\t%d\t%d\t%d%n", day, c[0], c[1], c[2]));
        }
    }
}
