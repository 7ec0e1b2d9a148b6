package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;
import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.api.metric.Counters;
import org.opencem.api.survey.Answer;
import org.opencem.core.analytics.RollupDelta;
import org.opencem.core.analytics.StoredAnswers;

/**
 * {@code /api/v1/analytics} over answers stored as the response writer stores them (raw rows and rollups in one
 * transaction), with the NPS, CSAT and CES plugins: series (rollups and raw answers), breakdowns, segments,
 * distributions, the metric list, rebuilds, and the refusals. Expected figures are computed by hand in the comments.
 */
class AnalyticsApiIT {

    /** Promoter, passive and detractor counters of an NPS answer, as {@code metric-nps} folds it. */
    private static final Counters PROMOTER = Counters.of(1, 0, 0);
    private static final Counters PASSIVE = Counters.of(0, 1, 0);
    private static final Counters DETRACTOR = Counters.of(0, 0, 1);

    @TempDir
    static Path home;

    private static TestServer server;
    private static String analyst;
    /** Survey A: q1 nps, q2 choice (Price, Service, Other), q3 text. Six responses in March 2025. */
    private static String surveyA;
    /** Survey B: q1 csat. Three responses on 2 June 2025. */
    private static String surveyB;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(home, "opencem-metric-nps", "opencem-metric-csat", "opencem-metric-ces");
        analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
        awaitRollupsReady("nps", "csat", "ces");
        surveyA = survey("[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q2\",\"type\":\"choice\",\"options\":[\"Price\",\"Service\",\"Other\"]},"
                + "{\"id\":\"q3\",\"type\":\"text\"}]");
        surveyB = survey("[{\"id\":\"q1\",\"type\":\"csat\"}]");
        String gold1 = customer("gold");
        String gold2 = customer("gold");
        String silver = customer("silver");
        String golden = customer("golden");
        nps(surveyA, "web", "checkout", "2025-03-03T10:00:00Z", gold1, 10, PROMOTER, "Price");
        nps(surveyA, "web", "checkout", "2025-03-03T12:00:00Z", null, 9, PROMOTER, "Service");
        nps(surveyA, "email", "store-lisbon", "2025-03-03T23:30:00Z", silver, 3, DETRACTOR, null);
        nps(surveyA, "email", "store-lisbon", "2025-03-05T08:00:00Z", gold2, 7, PASSIVE, null);
        nps(surveyA, "web", "checkout", "2025-03-05T09:00:00Z", null, 0, DETRACTOR, "Price");
        nps(surveyA, "web", "checkout", "2025-03-05T10:00:00Z", golden, 6, DETRACTOR, null);
        csat(surveyB, "2025-06-02T10:00:00Z", 5);
        csat(surveyB, "2025-06-02T11:00:00Z", 4);
        csat(surveyB, "2025-06-02T12:00:00Z", 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String survey(String questions) {
        HttpResponse<String> created = server.adminPost("/api/v1/surveys",
                "{\"name\":\"Analytics\",\"defaultLocale\":\"en\",\"questions\":" + questions + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static String customer(String tier) {
        HttpResponse<String> created = server.adminPost("/api/v1/customers", "{\"identities\":{\"email\":\"c-" + UUID.randomUUID()
                + "@example.com\"},\"attributes\":{\"tier\":\"" + tier + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    /** Stores a response to survey A (an NPS score, maybe a choice) and its NPS rollups in one transaction. */
    private static void nps(String survey, String channel, String touchpoint, String at, String customer, int score,
                            Counters counters, String choice) throws Exception {
        List<Answer> answers = new ArrayList<>(List.of(new Answer("q1", "nps", (long) score)));
        if (choice != null) {
            answers.add(new Answer("q2", "choice", choice));
        }
        store(survey, channel, touchpoint, at, customer, answers, "nps", counters);
    }

    private static void csat(String survey, String at, int score) throws Exception {
        Counters counters = Counters.zero(5).add(score - 1, 1);
        store(survey, "web", "checkout", at, null, List.of(new Answer("q1", "csat", (long) score)), "csat", counters);
    }

    private static void store(String survey, String channel, String touchpoint, String at, String customer, List<Answer> answers,
                              String metric, Counters counters) throws Exception {
        UUID surveyId = UUID.fromString(survey);
        Instant occurredAt = Instant.parse(at);
        try (TestServer.Store store = server.openStore()) {
            store.dsl().transaction(tx -> {
                StoredAnswers.response(tx.dsl(), surveyId, channel, touchpoint, occurredAt,
                        Optional.ofNullable(customer).map(UUID::fromString), answers);
                StoredAnswers.writer(ZoneId.of("UTC")).add(tx.dsl(),
                        List.of(new RollupDelta(metric, surveyId, "q1", channel, touchpoint, occurredAt, counters)));
            });
        }
    }

    private static void awaitRollupsReady(String... metrics) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = read("/api/v1/analytics/metrics");
            for (String metric : metrics) {
                assertThat(listed.findValues("id").stream().map(JsonNode::asText)).contains(metric);
                listed.forEach(m -> {
                    if (m.path("id").asText().equals(metric)) {
                        assertThat(m.path("rollups").asText()).as(metric).isEqualTo("ready");
                    }
                });
            }
        });
    }

    private static JsonNode read(String path) {
        HttpResponse<String> response = server.get(path, analyst);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static void assertFigure(JsonNode figure, long n, double value, double moe) {
        assertThat(figure.path("n").asLong()).as(figure.toString()).isEqualTo(n);
        assertThat(figure.path("value").asDouble()).as(figure.toString()).isCloseTo(value, within(1e-6));
        assertThat(figure.path("moe").asDouble()).as(figure.toString()).isCloseTo(moe, within(1e-6));
    }

    private static void assertEmpty(JsonNode figure) {
        assertThat(figure.path("n").asLong()).as(figure.toString()).isZero();
        assertThat(figure.path("value").isNull()).as(figure.toString()).isTrue();
        assertThat(figure.path("moe").isNull()).as(figure.toString()).isTrue();
    }

    private static List<String> buckets(JsonNode series) {
        List<String> buckets = new ArrayList<>();
        series.path("series").forEach(point -> buckets.add(point.path("bucket").asText()));
        return buckets;
    }

    // Series.

    @Test
    void dailySeriesListsEveryDayWithTheScoreMarginAndSizeOfItsAnswers() {
        JsonNode series = read("/api/v1/analytics?metric=nps&survey=" + surveyA + "&from=2025-03-03&to=2025-03-06");

        assertThat(series.path("source").asText()).isEqualTo("rollups");
        assertThat(series.path("interval").asText()).isEqualTo("day");
        assertThat(series.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(buckets(series)).containsExactly("2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06");
        // 3 March: 10, 9, 3 -> (2 - 1) / 3 = 33.3; moe 1.96 * sqrt((2/3 + 1/3 - 1/9) / 3) * 100.
        assertFigure(series.path("series").get(0), 3, 33.333333, 106.688887);
        assertEmpty(series.path("series").get(1));
        // 5 March: 7, 0, 6 -> (0 - 2) / 3 = -66.7; moe 1.96 * sqrt((2/3 - 4/9) / 3) * 100.
        assertFigure(series.path("series").get(2), 3, -66.666667, 53.344443);
        assertEmpty(series.path("series").get(3));
        // All six: 2 promoters, 1 passive, 3 detractors -> -16.7; moe 1.96 * sqrt((5/6 - 1/36) / 6) * 100.
        assertFigure(series.path("total"), 6, -16.666667, 71.817155);
        assertThat(series.path("total").path("details").size()).isZero();
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstCountingOnlyTheRangesDays() {
        JsonNode weeks = read("/api/v1/analytics?metric=nps&survey=" + surveyA + "&interval=week&from=2025-03-05&to=2025-03-12");

        assertThat(buckets(weeks)).containsExactly("2025-03-03", "2025-03-10");
        assertFigure(weeks.path("series").get(0), 3, -66.666667, 53.344443);
        assertEmpty(weeks.path("series").get(1));

        JsonNode months = read("/api/v1/analytics?metric=nps&survey=" + surveyA + "&interval=month&from=2025-03-01&to=2025-04-30");

        assertThat(buckets(months)).containsExactly("2025-03-01", "2025-04-01");
        assertFigure(months.path("series").get(0), 6, -16.666667, 71.817155);
        assertEmpty(months.path("series").get(1));
    }

    @Test
    void anotherTimeZoneIsCutFromTheStoredAnswersAndSaysSo() {
        JsonNode kolkata = read("/api/v1/analytics?metric=nps&survey=" + surveyA + "&from=2025-03-03&to=2025-03-05&tz=Asia/Kolkata");

        assertThat(kolkata.path("source").asText()).isEqualTo("responses");
        assertThat(kolkata.path("timeZone").asText()).isEqualTo("Asia/Kolkata");
        // The 3 at 23:30 UTC on 3 March is 05:00 on 4 March in Kolkata.
        assertFigure(kolkata.path("series").get(0), 2, 100, 0);
        assertFigure(kolkata.path("series").get(1), 1, -100, 0);
        assertFigure(kolkata.path("series").get(2), 3, -66.666667, 53.344443);
    }

    @Test
    void filtersNarrowTheRollupsReadAndCsatCarriesItsMean() {
        JsonNode email = read("/api/v1/analytics?metric=nps&channel=email&touchpoint=store-lisbon&from=2025-03-01&to=2025-03-31&interval=month");

        assertThat(email.path("source").asText()).isEqualTo("rollups");
        // 3 and 7: (0 - 1) / 2 = -50.
        assertFigure(email.path("total"), 2, -50, 69.296465);

        JsonNode question = read("/api/v1/analytics?metric=nps&survey=" + surveyA + "&question=q2&from=2025-03-01&to=2025-03-31");
        assertEmpty(question.path("total"));

        JsonNode csat = read("/api/v1/analytics?metric=csat&survey=" + surveyB + "&from=2025-06-02&to=2025-06-02");
        // 5, 4, 2: 2 of 3 satisfied; mean 11 / 3; moe 1.96 * sqrt(2/9 / 3) * 100.
        assertFigure(csat.path("total"), 3, 66.666667, 53.344443);
        assertThat(csat.path("total").path("details").path("mean").asDouble()).isCloseTo(11.0 / 3, within(1e-9));
    }

    @Test
    void segmentIsComputedFromTheAnswersOfCustomersWithTheAttribute() {
        JsonNode gold = read("/api/v1/analytics?metric=nps&segment=attributes.tier:gold&from=2025-03-01&to=2025-03-31&interval=month");

        assertThat(gold.path("source").asText()).isEqualTo("responses");
        // Gold customers answered 10 and 7 (the "golden" 6 is another tier): (1 - 0) / 2 = 50.
        assertFigure(gold.path("total"), 2, 50, 69.296465);
    }

    // Breakdowns.

    @Test
    void breakdownGivesOneRowPerGroupTheLargestFirst() {
        JsonNode channels = read("/api/v1/analytics/breakdown?metric=nps&by=channel&survey=" + surveyA + "&from=2025-03-01&to=2025-03-31");

        assertThat(channels.path("source").asText()).isEqualTo("rollups");
        assertThat(channels.path("rows").findValuesAsText("key")).containsExactly("web", "email");
        // web: 10, 9, 0, 6 -> 0; email: 3, 7 -> -50.
        assertFigure(channels.path("rows").get(0), 4, 0, 98);
        assertFigure(channels.path("rows").get(1), 2, -50, 69.296465);
        assertFigure(channels.path("total"), 6, -16.666667, 71.817155);

        JsonNode surveys = read("/api/v1/analytics/breakdown?metric=nps&by=survey&from=2025-03-01&to=2025-03-31");
        assertThat(surveys.path("rows").findValuesAsText("key")).containsExactly(surveyA);

        JsonNode kolkata = read("/api/v1/analytics/breakdown?metric=nps&by=touchpoint&tz=Asia/Kolkata&survey=" + surveyA
                + "&from=2025-03-04&to=2025-03-04");
        assertThat(kolkata.path("source").asText()).isEqualTo("responses");
        assertThat(kolkata.path("rows").findValuesAsText("key")).containsExactly("store-lisbon");
    }

    // Distributions.

    @Test
    void distributionListsEveryScaleValueAndEveryOption() {
        JsonNode scores = read("/api/v1/analytics/distribution?survey=" + surveyA + "&question=q1&from=2025-03-01&to=2025-03-31");

        assertThat(scores.path("type").asText()).isEqualTo("nps");
        assertThat(scores.path("n").asLong()).isEqualTo(6);
        assertThat(scores.path("counts").findValues("value").stream().map(JsonNode::asInt)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(scores.path("counts").findValues("count").stream().map(JsonNode::asInt)).containsExactly(1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1);

        JsonNode choices = read("/api/v1/analytics/distribution?survey=" + surveyA + "&question=q2&from=2025-03-01&to=2025-03-31&channel=web");
        assertThat(choices.path("n").asLong()).isEqualTo(3);
        assertThat(choices.path("counts").findValuesAsText("value")).containsExactly("Price", "Service", "Other");
        assertThat(choices.path("counts").findValues("count").stream().map(JsonNode::asInt)).containsExactly(2, 1, 0);

        HttpResponse<String> text = server.get("/api/v1/analytics/distribution?survey=" + surveyA + "&question=q3", analyst);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(problemFields(text)).containsExactly("question");
    }

    // Metrics and rebuilds.

    @Test
    void metricsListTheInstalledMetricsWithTheirRollupState() {
        JsonNode metrics = read("/api/v1/analytics/metrics");

        assertThat(metrics.findValuesAsText("id")).containsExactly("ces", "csat", "nps");
        JsonNode nps = metrics.get(2);
        assertThat(nps.path("displayName").asText()).isEqualTo("Net Promoter Score");
        assertThat(nps.path("questionTypes").toString()).isEqualTo("[\"nps\"]");
        assertThat(nps.path("counterNames").toString()).isEqualTo("[\"promoters\",\"passives\",\"detractors\"]");
        assertThat(nps.path("rollups").asText()).isEqualTo("ready");
    }

    @Test
    void rebuildRecomputesDeletedRollupsFromTheStoredAnswersWithProgress() throws Exception {
        String path = "/api/v1/analytics?metric=nps&survey=" + surveyA + "&from=2025-03-01&to=2025-03-10";
        JsonNode before = read(path);
        try (TestServer.Store store = server.openStore()) {
            store.dsl().deleteFrom(METRIC_ROLLUP).where(METRIC_ROLLUP.METRIC.eq("nps")).execute();
        }
        assertEmpty(read(path).path("total"));

        HttpResponse<String> started = server.adminPost("/api/v1/analytics/rebuild", "{\"metric\":\"nps\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(json(started).path("metrics").toString()).isEqualTo("[\"nps\"]");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode job = jobOf(read("/api/v1/analytics/rebuild"), "nps");
            assertThat(job.path("status").asText()).isEqualTo("done");
            assertThat(job.path("total").asLong()).isPositive();
            assertThat(job.path("processed").asLong()).isEqualTo(job.path("total").asLong());
            assertThat(job.path("finishedAt").isNull()).isFalse();
        });
        JsonNode after = read(path);
        assertThat(after.path("source").asText()).isEqualTo("rollups");
        assertThat(after.path("series")).isEqualTo(before.path("series"));
        assertThat(after.path("total")).isEqualTo(before.path("total"));
    }

    @Test
    void rebuildWithoutABodyRebuildsEveryMetricAndOnlyWritersMayAsk() {
        HttpResponse<String> all = server.adminPost("/api/v1/analytics/rebuild", "");

        assertThat(all.statusCode()).as(all.body()).isEqualTo(202);
        assertThat(json(all).path("metrics").toString()).isEqualTo("[\"ces\",\"csat\",\"nps\"]");
        awaitRollupsReady("nps", "csat", "ces");
        assertThat(server.postJson("/api/v1/analytics/rebuild", analyst, "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = server.adminPost("/api/v1/analytics/rebuild", "{\"metric\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(problemFields(unknown)).containsExactly("metric");
    }

    private static JsonNode jobOf(JsonNode jobs, String metric) {
        for (JsonNode job : jobs.path("jobs")) {
            if (job.path("metric").asText().equals(metric)) {
                return job;
            }
        }
        throw new AssertionError("no rebuild of " + metric + " in " + jobs);
    }

    // Refusals.

    @Test
    void badParametersAreRefusedNamingThem() {
        assertRefused("/api/v1/analytics?metric=nope", "metric");
        assertRefused("/api/v1/analytics", "metric");
        assertRefused("/api/v1/analytics?metric=nps&from=2025-03-10&to=2025-03-01", "from");
        assertRefused("/api/v1/analytics?metric=nps&from=2020-01-01&to=2025-01-01", "interval");
        assertRefused("/api/v1/analytics?metric=nps&tz=Mars/Olympus", "tz");
        assertRefused("/api/v1/analytics?metric=nps&segment=tier:gold", "segment");
        assertRefused("/api/v1/analytics?metric=nps&segment=attributes.tier", "segment");
        assertRefused("/api/v1/analytics?metric=nps&survey=" + UUID.randomUUID(), "survey");
        assertRefused("/api/v1/analytics?metric=nps&survey=not-an-id", "survey");
        assertRefused("/api/v1/analytics?metric=nps&from=2025-02-30", "from");
        assertRefused("/api/v1/analytics?metric=nps&to=yesterday", "to");
        assertRefused("/api/v1/analytics?metric=nps&question=q1", "question");
        assertRefused("/api/v1/analytics?metric=nps&interval=year", "interval");
        assertRefused("/api/v1/analytics?metric=nps&chanel=web", "chanel");
        assertRefused("/api/v1/analytics/breakdown?metric=nps", "by");
        assertRefused("/api/v1/analytics/breakdown?metric=nps&by=customer", "by");
        assertRefused("/api/v1/analytics/distribution?survey=" + UUID.randomUUID() + "&question=q1", "survey");
        assertRefused("/api/v1/analytics/distribution?survey=" + surveyA + "&question=q9", "question");
        assertRefused("/api/v1/analytics/distribution?question=q1", "survey");
    }

    @Test
    void fiveYearsOfDaysAreAcceptedAndLongerRangesByWeek() {
        assertThat(read("/api/v1/analytics?metric=nps&from=2020-01-02&to=2025-01-01").path("series").size()).isEqualTo(1827);
        assertThat(read("/api/v1/analytics?metric=nps&interval=week&from=2000-01-01&to=2025-01-01").path("series").size())
                .isEqualTo(1306);
    }

    private static void assertRefused(String path, String field) {
        HttpResponse<String> response = server.get(path, analyst);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(problemFields(response)).as(path).contains(field);
    }
}
