package org.opencem.dist;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an integrator does with the distribution as shipped: creates a survey with the bundled NPS, CSAT and CES
 * questions, answers it through the API, and reads back the series, breakdowns and distributions, which must
 * equal the values computed by hand below, also after a restart.
 */
class SurveyMetricsIT {

    private static final double EXACT = 1e-6;
    private static final double MOE = 1e-3;

    @TempDir Path work;
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, SECONDS);
        }
    }

    @Test
    void answersThroughTheApiGiveTheHandComputedNpsCsatAndCes() throws Exception {
        Path home = Launcher.unpack(work);
        Path data = Files.createDirectories(work.resolve("data"));
        String token = Launcher.randomToken(40);
        int port = Launcher.freePort();
        Path log = work.resolve("server.log");
        server = Launcher.startReady(Launcher.opencem(home, work, log, port, data, token), port, log);
        ApiClient api = new ApiClient(port, token);

        ApiClient.Answer created = api.post("surveys", Map.of(
                "name", "After purchase", "defaultLocale", "en",
                "questions", List.of(Map.of("id", "q1", "type", "nps"), Map.of("id", "q2", "type", "csat"),
                        Map.of("id", "q3", "type", "ces"),
                        Map.of("id", "q4", "type", "text", "text", Map.of("en", "Why?", "pt", "Porquê?"))),
                "touchpoints", List.of("checkout", "store-lisbon")));
        assertThat(created.status()).as("POST /surveys: %s", created.text()).isEqualTo(201);
        assertThat(created.body().path("questions").get(0).path("text").path("pt").asText())
                .as("the bundled Portuguese NPS wording").startsWith("Qual a probabilidade");
        String survey = created.body().path("id").asText();
        assertThat(api.post("surveys/" + survey + "/activate", null).status()).isEqualTo(200);

        String responses = "surveys/" + survey + "/responses";
        answer(api, responses, "r1", "2026-03-02T10:00:00Z", "web", "checkout", "ana@example.com", 10, 5, 7, "Great service");
        answer(api, responses, "r2", "2026-03-02T11:00:00Z", "web", "checkout", "bob@example.com", 9, 4, 6, null);
        answer(api, responses, "r3", "2026-03-02T12:00:00Z", "kiosk", "store-lisbon", null, 7, 3, 4, null);
        answer(api, responses, "r4", "2026-03-02T13:00:00Z", "kiosk", "store-lisbon", "carla@example.com", 3, 1, 2, "Long queue");
        answer(api, responses, "r5", "2026-03-03T10:00:00Z", "web", "checkout", "dan@example.com", 10, 5, 5, null);
        answer(api, responses, "r6", "2026-03-03T11:00:00Z", "kiosk", "store-lisbon", "eva@example.com", 0, 2, 1, null);
        Map<String, Object> scoreOnly = response("r7", "2026-03-03T12:00:00Z", "web", "checkout", "ana@example.com",
                Map.of("q1", 8));
        ApiClient.Answer partial = api.post(responses, scoreOnly);
        assertThat(partial.status()).as("r7's score: %s", partial.text()).isEqualTo(201);
        assertThat(partial.body().path("status").asText()).isEqualTo("partial");
        Map<String, Object> withComment = response("r7", "2026-03-03T12:00:00Z", "web", "checkout", "ana@example.com",
                Map.of("q4", "Fine, but slow delivery"));
        withComment.put("complete", true);
        ApiClient.Answer completed = api.post(responses, withComment);
        assertThat(completed.status()).as("r7's comment, later: %s", completed.text()).isEqualTo(200);
        assertThat(completed.body().path("status").asText()).isEqualTo("complete");
        assertThat(completed.body().path("responseId")).isEqualTo(partial.body().path("responseId"));
        ApiClient.Answer resent = api.post(responses, response("r1", "2026-03-02T10:00:00Z", "web", "checkout",
                "ana@example.com", Map.of("q1", 10, "q2", 5, "q3", 7, "q4", "Great service")));
        assertThat(resent.status()).as("r1 again: %s", resent.text()).isEqualTo(200);
        assertThat(resent.body().path("result").asText()).isEqualTo("unchanged");
        ApiClient.Answer outOfScale = api.post(responses, response("r8", "2026-03-03T12:00:00Z", "web", "checkout",
                null, Map.of("q1", 11)));
        assertThat(outOfScale.status()).isEqualTo(400);
        assertThat(outOfScale.text()).contains("answers.q1");

        String range = "&from=2026-03-01&to=2026-03-04";
        String days = range + "&interval=day";
        JsonNode nps = ok(api.get("analytics?metric=nps&survey=" + survey + days));
        // Day 1: 10, 9 promoters; 7 passive; 3 detractor. Day 2: 10; 8; 0. Total: 3 promoters, 2 detractors of 7.
        assertFigure(nps.path("total"), 100.0 * (3 - 2) / 7, 7, 61.709);
        assertThat(nps.path("series")).hasSize(4);
        assertFigure(nps.path("series").get(1), 25.0, 4, 81.258);
        assertFigure(nps.path("series").get(2), 0.0, 3, 92.395);
        for (int empty : new int[] {0, 3}) {
            assertThat(nps.path("series").get(empty).path("n").asLong()).isZero();
            assertThat(nps.path("series").get(empty).path("value").isNull()).as("an empty day has no value").isTrue();
        }
        assertThat(buckets(nps)).containsExactly("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04");

        JsonNode csat = ok(api.get("analytics?metric=csat" + days)).path("total");
        assertFigure(csat, 50.0, 6, null); // 5, 4 of 5, 4, 3, 1, 5, 2
        assertThat(csat.path("details").path("mean").asDouble()).isCloseTo(20.0 / 6, within(EXACT));
        JsonNode ces = ok(api.get("analytics?metric=ces" + days)).path("total");
        assertFigure(ces, 25.0 / 6, 6, null); // 7, 6, 4, 2, 5, 1
        assertThat(ces.path("details").path("agree-percent").asDouble()).isCloseTo(50.0, within(EXACT));

        JsonNode byChannel = ok(api.get("analytics/breakdown?metric=nps&by=channel" + range));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        byChannel.path("rows").forEach(row -> rows.put(row.path("key").asText(), row));
        assertThat(rows).containsOnlyKeys("web", "kiosk");
        assertFigure(rows.get("web"), 75.0, 4, null);
        assertFigure(rows.get("kiosk"), -200.0 / 3, 3, null);

        JsonNode distribution = ok(api.get("analytics/distribution?survey=" + survey + "&question=q1" + range));
        Map<Integer, Long> counts = new LinkedHashMap<>();
        distribution.path("counts").forEach(c -> counts.put(c.path("value").asInt(), c.path("count").asLong()));
        long[] perScore = {1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 2};
        Map<Integer, Long> expected = new LinkedHashMap<>();
        for (int score = 0; score <= 10; score++) {
            expected.put(score, perScore[score]);
        }
        assertThat(counts).as("every score of the scale, in order").containsExactlyEntriesOf(expected);

        JsonNode ana = ok(api.get("customers?identityType=email&identity=ana@example.com")).path("items").get(0);
        JsonNode metrics = ok(api.get("customers/" + ana.path("id").asText())).path("metrics");
        assertThat(metrics.path("nps").path("score").asInt()).as("Ana's latest NPS answer (r7)").isEqualTo(8);
        assertThat(metrics.path("nps").path("category").asText()).isEqualTo("passive");
        assertThat(metrics.path("csat").path("score").asInt()).as("Ana's latest CSAT answer (r1)").isEqualTo(5);

        JsonNode month = ok(api.get("analytics?metric=nps&from=2026-03-01&to=2026-03-31&interval=month"));
        assertThat(buckets(month)).containsExactly("2026-03-01");
        assertFigure(month.path("series").get(0), 100.0 * (3 - 2) / 7, 7, 61.709);
        JsonNode saoPaulo = ok(api.get("analytics?metric=nps" + days + "&tz=America/Sao_Paulo"));
        assertThat(saoPaulo.path("source").asText()).as("another zone than the rollups' is read from the answers")
                .isEqualTo("responses");
        assertFigure(saoPaulo.path("series").get(1), 25.0, 4, 81.258);

        JsonNode comments = ok(api.get("responses?survey=" + survey + "&hasComment=true"));
        List<String> commented = new ArrayList<>();
        comments.path("items").forEach(item -> commented.add(item.path("id").asText()));
        assertThat(commented).containsExactlyInAnyOrder("r1", "r4", "r7");

        server.destroy();
        assertThat(server.waitFor(30, SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
        server = Launcher.startReady(Launcher.opencem(home, work, log, port, data, token), port, log);
        assertFigure(ok(api.get("analytics?metric=nps&survey=" + survey + days)).path("total"),
                100.0 * (3 - 2) / 7, 7, 61.709);
    }

    private static void answer(ApiClient api, String path, String id, String at, String channel, String touchpoint,
                               String email, int nps, int csat, int ces, String comment) throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>(Map.of("q1", nps, "q2", csat, "q3", ces));
        if (comment != null) {
            answers.put("q4", comment);
        }
        ApiClient.Answer answer = api.post(path, response(id, at, channel, touchpoint, email, answers));
        assertThat(answer.status()).as("response %s: %s", id, answer.text()).isEqualTo(201);
    }

    private static Map<String, Object> response(String id, String at, String channel, String touchpoint, String email,
                                                Map<String, Object> answers) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("id", id, "occurredAt", at, "channel", channel,
                "touchpoint", touchpoint, "answers", answers));
        if (email != null) {
            body.put("customer", Map.of("identities", Map.of("email", email)));
        }
        return body;
    }

    private static JsonNode ok(ApiClient.Answer answer) {
        assertThat(answer.status()).as("answer: %s", answer.text()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> buckets(JsonNode analytics) {
        List<String> buckets = new ArrayList<>();
        analytics.path("series").forEach(point -> buckets.add(point.path("bucket").asText()));
        return buckets;
    }

    private static void assertFigure(JsonNode figure, double value, long n, Double moe) {
        assertThat(figure.path("n").asLong()).as("n of %s", figure).isEqualTo(n);
        assertThat(figure.path("value").asDouble()).as("value of %s", figure).isCloseTo(value, within(EXACT));
        if (moe != null) {
            assertThat(figure.path("moe").asDouble()).as("margin of error of %s", figure).isCloseTo(moe, within(MOE));
        }
    }
}
