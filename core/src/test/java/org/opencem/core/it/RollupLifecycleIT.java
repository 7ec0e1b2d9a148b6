package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;
import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP_STATE;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.api.metric.Counters;
import org.opencem.api.survey.Answer;
import org.opencem.core.analytics.RollupDelta;
import org.opencem.core.analytics.StoredAnswers;
import org.opencem.core.config.ServerConfig;

/**
 * Rollups stay whole as metric plugins come and go: a metric that leaves is marked stale, one that comes back with
 * rollups that are not ready is rebuilt from the stored answers, and at start the state of a metric that did not
 * register is marked stale while ready ones are not rebuilt; a new reporting zone rebuilds them in that zone.
 */
class RollupLifecycleIT {

    @TempDir
    Path home;

    private static String survey(TestServer server) {
        HttpResponse<String> created = server.adminPost("/api/v1/surveys",
                "{\"name\":\"Lifecycle\",\"defaultLocale\":\"en\",\"questions\":[{\"id\":\"q1\",\"type\":\"nps\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    /** Stores an NPS answer, with its rollups only when {@code counters} is given (as while the metric runs). */
    private static void answer(TestServer server, String survey, String at, int score, Counters counters) throws Exception {
        UUID surveyId = UUID.fromString(survey);
        Instant occurredAt = Instant.parse(at);
        try (TestServer.Store store = server.openStore()) {
            store.dsl().transaction(tx -> {
                StoredAnswers.response(tx.dsl(), surveyId, "web", "checkout", occurredAt, Optional.empty(),
                        List.of(new Answer("q1", "nps", (long) score)));
                if (counters != null) {
                    StoredAnswers.writer(ZoneId.of("UTC")).add(tx.dsl(),
                            List.of(new RollupDelta("nps", surveyId, "q1", "web", "checkout", occurredAt, counters)));
                }
            });
        }
    }

    private static String state(TestServer server, String metric) throws Exception {
        try (TestServer.Store store = server.openStore()) {
            return store.dsl().select(METRIC_ROLLUP_STATE.STATUS).from(METRIC_ROLLUP_STATE)
                    .where(METRIC_ROLLUP_STATE.METRIC.eq(metric)).fetchOptional(METRIC_ROLLUP_STATE.STATUS).orElse("absent");
        }
    }

    private static void awaitReady(TestServer server) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode metrics = json(server.adminGet("/api/v1/analytics/metrics"));
            assertThat(metrics.findValuesAsText("rollups")).containsExactly("ready");
        });
    }

    private static JsonNode series(TestServer server, String query) {
        HttpResponse<String> response = server.adminGet("/api/v1/analytics?metric=nps&" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void metricThatLeavesIsStaleAndIsRebuiltWithTheAnswersStoredMeanwhileWhenItComesBack() throws Exception {
        try (TestServer server = TestServer.start(home, "opencem-metric-nps")) {
            awaitReady(server);
            String survey = survey(server);
            answer(server, survey, "2025-05-01T10:00:00Z", 10, Counters.of(1, 0, 0));

            assertThat(server.adminPost("/api/v1/plugins/metric-nps/disable", "").statusCode()).isEqualTo(200);

            assertThat(state(server, "nps")).isEqualTo("stale");
            HttpResponse<String> gone = server.adminGet("/api/v1/analytics?metric=nps");
            assertThat(gone.statusCode()).isEqualTo(400);
            assertThat(problemFields(gone)).containsExactly("metric");
            answer(server, survey, "2025-05-02T10:00:00Z", 2, null);

            assertThat(server.adminPost("/api/v1/plugins/metric-nps/enable", "").statusCode()).isEqualTo(200);

            awaitReady(server);
            JsonNode both = series(server, "survey=" + survey + "&from=2025-05-01&to=2025-05-02");
            assertThat(both.path("source").asText()).isEqualTo("rollups");
            assertThat(both.path("total").path("n").asLong()).isEqualTo(2);
            assertThat(both.path("total").path("value").asDouble()).isCloseTo(0, within(1e-9));
            assertThat(both.path("series").get(1).path("value").asDouble()).isCloseTo(-100, within(1e-9));
        }
    }

    @Test
    void atStartMetricsThatDidNotRegisterAreStaleReadyOnesAreKeptAndANewZoneRebuilds() throws Exception {
        Map<String, String> store = new HashMap<>();
        String survey;
        try (TestServer server = TestServer.start(home, "opencem-metric-nps")) {
            awaitReady(server);
            survey = survey(server);
            // 20:00 UTC on 1 May is 01:30 on 2 May in Kolkata.
            answer(server, survey, "2025-05-01T20:00:00Z", 10, Counters.of(1, 0, 0));
            try (TestServer.Store db = server.openStore()) {
                db.dsl().insertInto(METRIC_ROLLUP_STATE).set(METRIC_ROLLUP_STATE.METRIC, "gone")
                        .set(METRIC_ROLLUP_STATE.COUNTER_NAMES, "[\"a\"]").set(METRIC_ROLLUP_STATE.TIME_ZONE, "UTC")
                        .set(METRIC_ROLLUP_STATE.STATUS, "ready").set(METRIC_ROLLUP_STATE.UPDATED_AT, Instant.now()).execute();
            }

            server.restart();

            assertThat(state(server, "gone")).isEqualTo("stale");
            assertThat(state(server, "nps")).isEqualTo("ready");
            assertThat(json(server.adminGet("/api/v1/analytics/rebuild")).path("jobs").size())
                    .as("ready rollups are not rebuilt").isZero();
            ServerConfig config = server.config();
            config.db().url().ifPresent(url -> {
                store.put("OPENCEM_DB_URL", url);
                store.put("OPENCEM_DB_USER", config.db().user());
                store.put("OPENCEM_DB_PASSWORD", config.db().password());
            });
        }
        store.put("OPENCEM_REPORTING_TIME_ZONE", "Asia/Kolkata");
        try (TestServer kolkata = TestServer.start(home, store)) {
            awaitReady(kolkata);
            assertThat(json(kolkata.adminGet("/api/v1/analytics/rebuild")).path("jobs").findValuesAsText("metric"))
                    .containsExactly("nps");
            JsonNode series = series(kolkata, "survey=" + survey + "&from=2025-05-01&to=2025-05-02");
            assertThat(series.path("source").asText()).isEqualTo("rollups");
            assertThat(series.path("timeZone").asText()).isEqualTo("Asia/Kolkata");
            assertThat(series.path("series").get(0).path("n").asLong()).isZero();
            assertThat(series.path("series").get(1).path("n").asLong()).isEqualTo(1);
        }
    }
}
