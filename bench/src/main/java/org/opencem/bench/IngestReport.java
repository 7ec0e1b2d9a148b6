package org.opencem.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The markdown report of an ingest benchmark run: the table, the ratios and the targets. */
final class IngestReport {

    /** Targets of issue 3 on a 2-core machine with H2. */
    static final double MIN_BATCH_EVENTS_PER_S = 50_000;
    static final double MIN_BATCH_TO_RAW = 0.6;
    static final double MIN_SINGLES_TO_BASELINE = 0.4;
    static final double MAX_P99_MS = 25;

    private IngestReport() {
    }

    /** @param r the results of a run, by key @return its report */
    static String markdown(Map<String, String> r) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'")))
                .append(": ").append(r.get("seconds")).append(" s per saturation phase, ")
                .append(r.get("customers")).append(" known customers, ")
                .append(Math.round(Double.parseDouble(r.get("new_share")) * 100)).append("% of events for new ones.\n")
                .append("CPU in cores (of 2): the server, the load generator, and other processes.\n\n")
                .append("| measurement | connections | requests/s | events/s | p50 (ms) | p99 (ms) | p99.9 (ms) | errors")
                .append(" | CPU server | CPU load gen. | CPU others | events per commit |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        row(md, r, "baseline", "baseline: `GET /api/v1/auth/me` (authenticated no-op)", r.get("connections"));
        row(md, r, "singles", "single events: `POST /api/v1/events`", r.get("connections"));
        row(md, r, "batches", "batches of " + IngestBench.BATCH_EVENTS + ": `POST /api/v1/events/batch`",
                r.get("batch_connections"));
        row(md, r, "open", "single events at half the peak, open loop (" + r.get("open_rate") + "/s)", "up to 1000");
        md.append("| raw JDBC batch insert, ").append(RawJdbcInsert.BATCH).append(" rows per batch and commit (")
                .append(r.get("raw_rows")).append(" rows) | 1 thread | | ").append(r.get("raw_rows_per_s"))
                .append(" | | | | | | ").append(r.get("raw_cpu_loadgen")).append(" | ").append(r.get("raw_cpu_others"))
                .append(" | ").append(RawJdbcInsert.BATCH).append(" |\n");
        row(md, r, "seed", "(setup) seeding the known customers: batches of " + IngestBench.BATCH_EVENTS
                + ", every event a new customer", r.get("batch_connections"));

        double baseline = value(r, "baseline_requests_per_s");
        double singles = value(r, "singles_events_per_s");
        double batches = value(r, "batches_events_per_s");
        double raw = value(r, "raw_rows_per_s");
        double p99 = value(r, "open_p99_ms");
        md.append("\nRatios: single events / baseline requests = **").append(String.format("%.2f", singles / baseline))
                .append("**; batch events / raw JDBC rows = **").append(String.format("%.2f", batches / raw))
                .append("**.\n\nTargets:\n");
        target(md, "batches at " + (long) MIN_BATCH_EVENTS_PER_S + " events/s or more",
                String.format("%.0f events/s", batches), batches >= MIN_BATCH_EVENTS_PER_S);
        target(md, "batches at " + MIN_BATCH_TO_RAW + " of the raw JDBC rate or more", String.format("%.2f", batches / raw),
                batches / raw >= MIN_BATCH_TO_RAW);
        target(md, "single events at " + MIN_SINGLES_TO_BASELINE + " of the baseline's requests/s or more",
                String.format("%.2f", singles / baseline), singles / baseline >= MIN_SINGLES_TO_BASELINE);
        target(md, "p99 of single events at half the peak under " + (long) MAX_P99_MS + " ms",
                String.format("%.2f ms", p99), p99 < MAX_P99_MS);
        return md.toString();
    }

    private static void row(StringBuilder md, Map<String, String> r, String key, String name, String connections) {
        md.append("| ").append(name).append(" | ").append(connections).append(" | ")
                .append(r.get(key + "_requests_per_s")).append(" | ").append(r.getOrDefault(key + "_events_per_s", ""))
                .append(" | ").append(r.get(key + "_p50_ms")).append(" | ").append(r.get(key + "_p99_ms"))
                .append(" | ").append(r.get(key + "_p999_ms")).append(" | ").append(r.get(key + "_errors"))
                .append(" | ").append(r.getOrDefault(key + "_cpu_server", "")).append(" | ")
                .append(r.getOrDefault(key + "_cpu_loadgen", "")).append(" | ")
                .append(r.getOrDefault(key + "_cpu_others", "")).append(" | ")
                .append(r.getOrDefault(key + "_events_per_commit", "")).append(" |\n");
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("- ").append(target).append(": ").append(measured).append(", ").append(met ? "met" : "**MISSED**")
                .append('\n');
    }

    private static double value(Map<String, String> r, String key) {
        return Double.parseDouble(r.getOrDefault(key, "NaN"));
    }
}
