package org.opencem.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Latency of reading a customer the way the console does: the profile ({@code GET /api/v1/customers/{id}}),
 * then the first timeline page ({@code GET /api/v1/customers/{id}/timeline?limit=20}), one client, one request
 * at a time over a kept-alive connection, for random customers of a sample. Prints percentiles per request
 * kind and for the pair.
 *
 * <p>Usage: {@code ProfileLatencyProbe BASE_URL TOKEN SAMPLE_FILE REQUESTS}
 */
public final class ProfileLatencyProbe {

    private ProfileLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        List<String> ids = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).toList();
        int requests = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SplittableRandom random = new SplittableRandom(7);
        measure(client, base, token, ids, random, Math.max(500, requests / 5)); // warm-up: JIT and store caches
        long[][] times = measure(client, base, token, ids, random, requests);
        report("profile", times[0]);
        report("timeline", times[1]);
        report("profile+timeline", times[2]);
    }

    private static long[][] measure(HttpClient client, String base, String token, List<String> ids, SplittableRandom random,
                                    int requests) throws Exception {
        long[][] times = new long[3][requests];
        for (int i = 0; i < requests; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            get(client, base + "/api/v1/customers/" + id, token);
            long middle = System.nanoTime();
            get(client, base + "/api/v1/customers/" + id + "/timeline?limit=20", token);
            long end = System.nanoTime();
            times[0][i] = middle - start;
            times[1][i] = end - middle;
            times[2][i] = end - start;
        }
        return times;
    }

    private static void get(HttpClient client, String url, String token) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s n=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", name, sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
