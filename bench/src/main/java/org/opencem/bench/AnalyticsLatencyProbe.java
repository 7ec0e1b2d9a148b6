package org.opencem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Latency of the analytics API over one year of an {@link AnalyticsDataset}, against the started distribution: one
 * client, one request at a time over a kept-alive connection, for each kind of question a dashboard asks (the
 * daily NPS series of everything, of one survey, of one channel, and the breakdown by touchpoint), after a
 * warm-up, each request with its range moved by {@link Ranges#shift} so that none is answered from H2's result of
 * the previous one. Before timing, checks that the server answers from its rollups and that the daily series equals the
 * raw GROUP BY's ({@link RawNpsSeries}, same days, same n, same NPS), so the latency is that of a right answer.
 * Before each kind it waits (up to QUIET_SECONDS) for a second in which the machine is less than 10% busy, then
 * prints its percentiles and the CPU that other processes took meanwhile ({@code others_cores}, of the machine's).
 *
 * <p>Usage: {@code AnalyticsLatencyProbe BASE_URL TOKEN SERVER_PID QUIET_SECONDS DATASET_FILE FROM TO REQUESTS
 * RAW_SERIES_FILE}
 */
public final class AnalyticsLatencyProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of request: its name and its URL for the i-th request (filters rotate over surveys or channels). */
    private record Kind(String name, IntFunction<String> url) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    private AnalyticsLatencyProbe(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: AnalyticsLatencyProbe BASE_URL TOKEN SERVER_PID QUIET_SECONDS DATASET_FILE FROM TO"
                    + " REQUESTS RAW_SERIES_FILE");
            System.exit(2);
        }
        CpuMeter cpu = new CpuMeter(Long.parseLong(args[2]));
        Duration quiet = Duration.ofSeconds(Long.parseLong(args[3]));
        AnalyticsDataset dataset = AnalyticsDataset.read(Path.of(args[4]));
        LocalDate from = LocalDate.parse(args[5]);
        LocalDate to = LocalDate.parse(args[6]);
        int requests = Integer.parseInt(args[7]);
        AnalyticsLatencyProbe probe = new AnalyticsLatencyProbe(args[0], args[1]);
        probe.check("/api/v1/analytics?metric=nps&interval=day" + range(from, to, 0), Path.of(args[8]), from, to);
        List<Kind> kinds = List.of(
                new Kind("series", i -> "/api/v1/analytics?metric=nps&interval=day" + range(from, to, i)),
                new Kind("series-survey", i -> "/api/v1/analytics?metric=nps&interval=day" + range(from, to, i)
                        + "&survey=" + dataset.surveys().get(i % dataset.surveys().size())),
                new Kind("series-channel", i -> "/api/v1/analytics?metric=nps&interval=day" + range(from, to, i)
                        + "&channel=" + AnalyticsDataset.CHANNELS.get(i % AnalyticsDataset.CHANNELS.size())),
                new Kind("breakdown-touchpoint", i -> "/api/v1/analytics/breakdown?metric=nps&by=touchpoint"
                        + range(from, to, i)));
        for (Kind kind : kinds) {
            probe.measure(kind, Math.max(50, requests / 4));
            cpu.awaitQuiet(quiet, CpuMeter.QUIET_BUSY_CORES);
            CpuMeter.Start start = cpu.start();
            Latencies latencies = probe.measure(kind, requests);
            CpuMeter.Usage usage = start.stop();
            System.out.printf("%s n=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f server_cores=%.2f others_cores=%.2f%n",
                    kind.name(), requests, latencies.percentileMillis(50), latencies.percentileMillis(95),
                    latencies.percentileMillis(99), latencies.maxMillis(), usage.server(), usage.others());
        }
    }

    /** @return the request's date range, moved back by {@link Ranges#shift} days */
    private static String range(LocalDate from, LocalDate to, int request) {
        int shift = Ranges.shift(request);
        return "&from=" + from.minusDays(shift) + "&to=" + to.minusDays(shift);
    }

    private Latencies measure(Kind kind, int requests) throws Exception {
        Latencies latencies = new Latencies();
        for (int i = 0; i < requests; i++) {
            String url = kind.url().apply(i);
            long start = System.nanoTime();
            get(url);
            latencies.record((System.nanoTime() - start) / 1_000);
        }
        return latencies;
    }

    /** Fails unless the series comes from the rollups and equals the raw GROUP BY's day by day. */
    private void check(String url, Path rawSeries, LocalDate from, LocalDate to) throws Exception {
        JsonNode answer = JSON.readTree(get(url));
        if (!"rollups".equals(answer.path("source").asText())) {
            throw new IllegalStateException("the server did not answer from its rollups (source "
                    + answer.path("source") + "): are the metric's rollups ready? " + answer);
        }
        Map<String, long[]> raw = new HashMap<>();
        for (String line : Files.readAllLines(rawSeries)) {
            String[] fields = line.split("\t");
            raw.put(fields[0], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])});
        }
        List<String> mismatches = new ArrayList<>();
        long n = 0;
        int buckets = 0;
        for (JsonNode bucket : answer.path("series")) {
            buckets++;
            String day = bucket.path("bucket").asText();
            long[] counts = raw.getOrDefault(day, new long[3]);
            long rawN = counts[0] + counts[1] + counts[2];
            double rawNps = rawN == 0 ? Double.NaN : 100.0 * (counts[0] - counts[2]) / rawN;
            long apiN = bucket.path("n").asLong();
            n += apiN;
            boolean valueMatches = rawN == 0 ? bucket.path("value").isNull()
                    : Math.abs(bucket.path("value").asDouble() - rawNps) < 0.05;
            if (apiN != rawN || !valueMatches) {
                mismatches.add(day + ": API n=" + apiN + " value=" + bucket.path("value") + ", raw n=" + rawN
                        + " value=" + rawNps);
            }
        }
        long days = from.datesUntil(to.plusDays(1)).count();
        if (buckets != days || !mismatches.isEmpty()) {
            throw new IllegalStateException("the API's series differs from the raw GROUP BY's: " + buckets + " buckets for "
                    + days + " days; " + mismatches.subList(0, Math.min(5, mismatches.size())));
        }
        System.out.printf("check series_equals_raw=true days=%d n=%d total_value=%s%n", buckets, n,
                answer.path("total").path("value"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
