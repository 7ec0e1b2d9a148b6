package org.opencem.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Response ingest against the started distribution: {@code POST /api/v1/surveys/{id}/responses}, one response per
 * request, from 8 and then 64 keep-alive connections (closed loop, as {@code ingest.sh} measures single events),
 * into the "After purchase" survey of an {@link AnalyticsDataset}: an NPS score, a CSAT score and, for one in five,
 * a comment; 60% from the dataset's known customers (by email), 15% from new ones, a quarter anonymous, on its
 * channels and touchpoints, at the server's now. Every answer must be {@code 201}. Each phase waits for a quiet
 * machine first and reports the CPU of the server and of other processes.
 *
 * <p>Usage: {@code ResponseIngestProbe BASE_URL TOKEN SERVER_PID QUIET_SECONDS DATASET_FILE SECONDS}
 */
public final class ResponseIngestProbe {

    private static final int SURVEY = 1;
    private static final int[] CONNECTIONS = {8, 64};

    private final AnalyticsDataset dataset;
    private final String token;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private ResponseIngestProbe(AnalyticsDataset dataset, String token) {
        this.dataset = dataset;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ResponseIngestProbe BASE_URL TOKEN SERVER_PID QUIET_SECONDS DATASET_FILE SECONDS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        CpuMeter cpu = new CpuMeter(Long.parseLong(args[2]));
        Duration quiet = Duration.ofSeconds(Long.parseLong(args[3]));
        ResponseIngestProbe probe = new ResponseIngestProbe(AnalyticsDataset.read(Path.of(args[4])), args[1]);
        Duration measure = Duration.ofSeconds(Long.parseLong(args[5]));
        try (HttpLoad load = new HttpLoad(url.getHost(), url.getPort(), 1)) {
            load.saturate(probe.route("warm"), CONNECTIONS[CONNECTIONS.length - 1], Duration.ofSeconds(5), Long.MAX_VALUE);
            for (int connections : CONNECTIONS) {
                cpu.awaitQuiet(quiet, CpuMeter.QUIET_BUSY_CORES);
                CpuMeter.Start start = cpu.start();
                HttpLoad.Result result = load.saturate(probe.route("c" + connections), connections, measure, Long.MAX_VALUE);
                CpuMeter.Usage usage = start.stop();
                System.out.printf("responses-%d n=%d per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d server_cores=%.2f"
                                + " others_cores=%.2f%n", connections, result.requests(), result.perSecond(),
                        result.latencies().percentileMillis(50), result.latencies().percentileMillis(99), result.errors(),
                        usage.server(), usage.others());
                if (!result.firstErrors().isEmpty()) {
                    System.err.println("first errors: " + result.firstErrors());
                }
            }
        }
    }

    /** @return request n of a stream: a new response (its own id) to the survey */
    private HttpLoad.Route route(String stream) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setURI("/api/v1/surveys/" + dataset.surveys().get(SURVEY) + "/responses")
                .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
        return new HttpLoad.Route(options, n -> body(stream, n), (status, body) -> status == 201);
    }

    private Buffer body(String stream, long n) {
        SplittableRandom random = new SplittableRandom(n * 31 + stream.hashCode());
        int channel = random.nextInt(AnalyticsDataset.CHANNELS.size());
        StringBuilder json = new StringBuilder(256).append("{\"id\":\"ingest-").append(run).append('-').append(stream)
                .append('-').append(n).append("\",");
        double who = random.nextDouble();
        if (who < 0.60) {
            json.append("\"customer\":{\"identities\":{\"email\":\"")
                    .append(AnalyticsDataset.email(random.nextInt(dataset.customers()))).append("\"}},");
        } else if (who < 0.75) {
            json.append("\"customer\":{\"identities\":{\"email\":\"new-").append(run).append('-').append(stream).append('-')
                    .append(n).append("@example.com\"}},");
        }
        json.append("\"channel\":\"").append(AnalyticsDataset.CHANNELS.get(channel)).append("\",\"touchpoint\":\"")
                .append(AnalyticsDataset.touchpoint(channel, random.nextInt(AnalyticsDataset.STEPS.size())))
                .append("\",\"answers\":{\"nps\":").append(random.nextInt(11)).append(",\"csat\":")
                .append(1 + random.nextInt(5));
        if (random.nextInt(5) == 0) {
            json.append(",\"comment\":\"Delivery was a day late.\"");
        }
        return Buffer.buffer(json.append("}}").toString());
    }
}
