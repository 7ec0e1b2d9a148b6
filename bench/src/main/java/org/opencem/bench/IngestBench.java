package org.opencem.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event ingest benchmark, against a started server (bench/ingest.sh starts it): after seeding the pool of
 * known customers and warming up, it measures in one run the requests/s of the cheapest authenticated route
 * (the baseline), single-event POSTs and 100-event batches at saturation, the latency of single events at half
 * their peak rate (open loop), and a raw JDBC batch insert of the same rows into a fresh H2 file.
 *
 * <p>Usage: {@code IngestBench --url http://127.0.0.1:PORT --server-pid PID --out DIR [--seconds 10]
 * [--warmup-seconds 5] [--open-seconds 15] [--connections 64] [--batch-connections 16] [--customers 100000]
 * [--new-share 0.2] [--event-loops 1] [--raw-rows 500000] [--raw-warmup-rows 100000] [--seed 1] [--quiet 300]
 * [--jfr true]}; before each phase it waits up to {@code --quiet} seconds for a second in which the machine is nearly
 * idle, and with {@code --jfr true} it records the server with JFR over each phase ({@code <phase>.jfr}). The API token
 * comes from the environment variable {@code OPENCEM_BENCH_TOKEN} (not the command line, which {@code ps} shows).
 * Writes {@code results.properties} and {@code report.md} to the out dir.
 */
public final class IngestBench {

    static final int BATCH_EVENTS = 100;
    private static final Pattern METRIC = Pattern.compile("^(opencem_ingest_group_events_(?:count|sum))\\s+(\\S+)$",
            Pattern.MULTILINE);

    private final Map<String, String> options;
    private final URI url;
    private final String token;
    private final CpuMeter cpu;
    private final EventCorpus corpus;
    private final ServerRecording recording;
    private final Map<String, String> results = new LinkedHashMap<>();

    private IngestBench(Map<String, String> options, String token) {
        this.options = options;
        this.url = URI.create(required("url"));
        this.token = token;
        long pid = Long.parseLong(required("server-pid"));
        this.cpu = new CpuMeter(pid);
        this.recording = Boolean.parseBoolean(options.get("jfr")) ? new ServerRecording(pid, Path.of(required("out")))
                : null;
        long seed = number("seed", 1);
        this.corpus = new EventCorpus(Long.toString(System.currentTimeMillis(), 36), (int) number("customers", 100_000),
                Double.parseDouble(options.getOrDefault("new-share", "0.2")), seed);
    }

    public static void main(String[] args) throws Exception {
        String token = System.getenv("OPENCEM_BENCH_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set OPENCEM_BENCH_TOKEN to an API token of a writer role");
        }
        new IngestBench(parse(args), token).run();
    }

    private void run() throws Exception {
        Duration measure = Duration.ofSeconds(number("seconds", 10));
        Duration warmup = Duration.ofSeconds(number("warmup-seconds", 5));
        int connections = (int) number("connections", 64);
        int batchConnections = (int) number("batch-connections", 16);
        Path out = Files.createDirectories(Path.of(required("out")));
        put("connections", connections);
        put("batch_connections", batchConnections);
        put("customers", corpus.knownCustomers());
        put("new_share", options.getOrDefault("new-share", "0.2"));
        put("seconds", measure.toSeconds());

        HttpLoad.Route me = new HttpLoad.Route(request(HttpMethod.GET, "/api/v1/auth/me"), n -> null,
                (status, body) -> status == 200);
        try (HttpLoad load = new HttpLoad(url.getHost(), url.getPort(), (int) number("event-loops", 1))) {
            log("seeding %d known customers (one event each, batches of %d)", corpus.knownCustomers(), BATCH_EVENTS);
            HttpLoad.Route seed = batches("seed", (body, n) -> corpus.writeForKnownCustomer(body, (int) n));
            measured("seed", load.saturate(seed, batchConnections, Duration.ofHours(1),
                    corpus.knownCustomers() / BATCH_EVENTS), null, BATCH_EVENTS);

            log("warming up (%d s per route)", warmup.toSeconds());
            load.saturate(me, connections, warmup, Long.MAX_VALUE);
            load.saturate(singles("ws"), connections, warmup, Long.MAX_VALUE);
            load.saturate(batches("wb", (body, n) -> corpus.write(body, "wb", n)), batchConnections, warmup,
                    Long.MAX_VALUE);

            log("baseline: GET /api/v1/auth/me, %d connections, %d s", connections, measure.toSeconds());
            phase("baseline", () -> load.saturate(me, connections, measure, Long.MAX_VALUE), 0);
            log("single events: POST /api/v1/events, %d connections, %d s", connections, measure.toSeconds());
            HttpLoad.Result singles = phase("singles", () -> load.saturate(singles("s"), connections, measure,
                    Long.MAX_VALUE), 1);
            log("batches: POST /api/v1/events/batch, %d events each, %d connections, %d s", BATCH_EVENTS,
                    batchConnections, measure.toSeconds());
            phase("batches", () -> load.saturate(batches("b", (body, n) -> corpus.write(body, "b", n)),
                    batchConnections, measure, Long.MAX_VALUE), BATCH_EVENTS);

            double half = Math.floor(singles.perSecond() / 2);
            Duration open = Duration.ofSeconds(number("open-seconds", 15));
            log("single events at half the peak: %.0f/s, open loop, %d s", half, open.toSeconds());
            put("open_rate", Math.round(half));
            phase("open", () -> load.fixedRate(singles("o"), half, open, 1_000), 1);
        }

        long rawRows = number("raw-rows", 500_000);
        long rawWarmup = number("raw-warmup-rows", 100_000);
        log("raw JDBC: %d warm-up rows, then %d rows in batches of %d", rawWarmup, rawRows, RawJdbcInsert.BATCH);
        awaitQuiet();
        CpuMeter.Start start = cpu.start();
        RawJdbcInsert.Result raw = new RawJdbcInsert(corpus).run(Files.createDirectories(out.resolve("raw-db")),
                rawWarmup, rawRows);
        CpuMeter.Usage usage = start.stop();
        put("raw_rows", raw.rows());
        put("raw_rows_per_s", Math.round(raw.perSecond()));
        put("raw_cpu_loadgen", String.format("%.2f", usage.loadGenerator()));
        put("raw_cpu_others", String.format("%.2f", usage.others()));

        Files.writeString(out.resolve("results.properties"), String.join("\n",
                results.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + "\n");
        String report = IngestReport.markdown(results);
        Files.writeString(out.resolve("report.md"), report);
        System.out.println();
        System.out.print(report);
    }

    /** One measured phase: its rates, latencies, CPU split and the server's commit group sizes. */
    private HttpLoad.Result phase(String name, Measurement measurement, int eventsPerRequest) throws Exception {
        awaitQuiet();
        Map<String, Double> before = groupMetrics();
        if (recording != null) {
            recording.start(name);
        }
        CpuMeter.Start start = cpu.start();
        HttpLoad.Result result = measurement.run();
        CpuMeter.Usage usage = start.stop();
        if (recording != null) {
            log("  profile: %s", recording.stop(name));
        }
        Map<String, Double> after = groupMetrics();
        measured(name, result, usage, eventsPerRequest);
        double groups = after.get("opencem_ingest_group_events_count") - before.get("opencem_ingest_group_events_count");
        if (groups > 0) {
            double events = after.get("opencem_ingest_group_events_sum") - before.get("opencem_ingest_group_events_sum");
            put(name + "_commits_per_s", Math.round(groups / result.seconds()));
            put(name + "_events_per_commit", String.format("%.1f", events / groups));
        }
        return result;
    }

    /** Waits (up to --quiet seconds, default 300) for a second in which other processes left the machine alone. */
    private void awaitQuiet() throws InterruptedException {
        long wait = number("quiet", 300);
        if (wait > 0
                && cpu.awaitQuiet(Duration.ofSeconds(wait), CpuMeter.QUIET_BUSY_CORES) >= CpuMeter.QUIET_BUSY_CORES) {
            log("  the machine stayed busy for %d s: measuring anyway", wait);
        }
    }

    private void measured(String name, HttpLoad.Result result, CpuMeter.Usage usage, int eventsPerRequest) {
        put(name + "_requests_per_s", Math.round(result.perSecond()));
        if (eventsPerRequest > 0) {
            put(name + "_events_per_s", Math.round(result.perSecond() * eventsPerRequest));
        }
        put(name + "_errors", result.errors());
        put(name + "_p50_ms", String.format("%.2f", result.latencies().percentileMillis(50)));
        put(name + "_p99_ms", String.format("%.2f", result.latencies().percentileMillis(99)));
        put(name + "_p999_ms", String.format("%.2f", result.latencies().percentileMillis(99.9)));
        put(name + "_max_ms", String.format("%.2f", result.latencies().maxMillis()));
        if (usage != null) {
            put(name + "_cpu_server", String.format("%.2f", usage.server()));
            put(name + "_cpu_loadgen", String.format("%.2f", usage.loadGenerator()));
            put(name + "_cpu_others", String.format("%.2f", usage.others()));
        }
        if (!result.firstErrors().isEmpty()) {
            log("  %s: %d errors, first: %s", name, result.errors(), result.firstErrors());
        }
        log("  %s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms%s", name, result.perSecond(),
                result.latencies().percentileMillis(50), result.latencies().percentileMillis(99),
                usage == null ? "" : String.format(", CPU server %.2f, load generator %.2f, others %.2f cores",
                        usage.server(), usage.loadGenerator(), usage.others()));
    }

    /** A run of the load. */
    @FunctionalInterface
    private interface Measurement {
        HttpLoad.Result run() throws Exception;
    }

    /** Writes event n of a stream into a body. */
    @FunctionalInterface
    private interface EventWriter {
        void write(Buffer body, long n);
    }

    private HttpLoad.Route singles(String stream) {
        return new HttpLoad.Route(request(HttpMethod.POST, "/api/v1/events"), n -> {
            Buffer body = Buffer.buffer(512);
            corpus.write(body, stream, n);
            return body;
        }, (status, body) -> status == 201);
    }

    private HttpLoad.Route batches(String stream, EventWriter events) {
        byte[] start = "{\"events\":[".getBytes();
        byte[] allCreated = ("{\"accepted\":" + BATCH_EVENTS + ",").getBytes();
        return new HttpLoad.Route(request(HttpMethod.POST, "/api/v1/events/batch"), n -> {
            Buffer body = Buffer.buffer(BATCH_EVENTS * 400).appendBytes(start);
            for (int i = 0; i < BATCH_EVENTS; i++) {
                if (i > 0) {
                    body.appendByte((byte) ',');
                }
                events.write(body, n * BATCH_EVENTS + i);
            }
            return body.appendString("]}");
        }, (status, body) -> status == 200 && body.length() > allCreated.length
                && body.getBuffer(0, allCreated.length).equals(Buffer.buffer(allCreated)));
    }

    private RequestOptions request(HttpMethod method, String path) {
        RequestOptions request = new RequestOptions().setMethod(method).setURI(path)
                .putHeader("Authorization", "Bearer " + token);
        return method == HttpMethod.POST ? request.putHeader("Content-Type", "application/json") : request;
    }

    /** The server's commit group counters, from /metrics. */
    private Map<String, Double> groupMetrics() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new HashMap<>(Map.of("opencem_ingest_group_events_count", 0.0,
                "opencem_ingest_group_events_sum", 0.0));
        Matcher matcher = METRIC.matcher(metrics.body());
        while (matcher.find()) {
            values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return values;
    }

    private void put(String key, Object value) {
        results.put(key, value.toString());
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private long number(String name, long fallback) {
        return options.containsKey(name) ? Long.parseLong(options.get(name)) : fallback;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
