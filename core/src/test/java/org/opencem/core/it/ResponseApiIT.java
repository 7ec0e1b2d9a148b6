package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;
import static org.opencem.core.store.schema.Tables.CUSTOMER_METRIC_STATE;
import static org.opencem.core.store.schema.Tables.METRIC_ROLLUP;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.core.store.schema.tables.records.ResponseRecord;

/**
 * {@code POST /api/v1/surveys/{id}/responses} over real HTTP with the NPS, CSAT and CES plugins: known and anonymous
 * answers, idempotent resends, a score first and the comment later, conflicts and bad answers named by field, survey
 * status, imports of past answers, the customer's metric states and timeline, merges, and the rollup rows the
 * answers add (read from the store). Rollup checks date their answers on a day no other test uses, so the rows of
 * the grains summed over every survey hold that test's answers only.
 */
class ResponseApiIT {

    private static final String NPS_AND_COMMENT = "[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q2\",\"type\":\"text\"}]";

    @TempDir
    static Path home;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(home, "opencem-metric-nps", "opencem-metric-csat", "opencem-metric-ces");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** @return the id of a new survey with the questions, activated */
    static String activeSurvey(TestServer server, String questions) {
        HttpResponse<String> created = server.adminPost("/api/v1/surveys",
                "{\"name\":\"After purchase\",\"defaultLocale\":\"en\",\"questions\":" + questions + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(server.adminPost("/api/v1/surveys/" + id + "/activate", "").statusCode()).isEqualTo(200);
        return id;
    }

    private static String email() {
        return "r-" + UUID.randomUUID() + "@example.com";
    }

    private static String key() {
        return "resp-" + UUID.randomUUID();
    }

    /** A response body: {@code customer} is JSON or null (anonymous), {@code more} starts with a comma. */
    static String response(String key, String email, String answers, String more) {
        return "{\"id\":\"" + key + "\"," + (email == null ? "" : "\"customer\":{\"identities\":{\"email\":\"" + email + "\"}},")
                + "\"channel\":\"web\",\"touchpoint\":\"checkout\",\"answers\":" + answers + more + "}";
    }

    private static HttpResponse<String> post(String survey, String body) {
        return server.adminPost("/api/v1/surveys/" + survey + "/responses", body);
    }

    private static JsonNode posted(String survey, String body, int status) {
        HttpResponse<String> answer = post(survey, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return json(answer);
    }

    private static <T> T stored(Function<DSLContext, T> query) {
        try (TestServer.Store store = server.openStore()) {
            return query.apply(store.dsl());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Table<?> table, Condition condition) {
        return stored(dsl -> dsl.fetchCount(table, condition));
    }

    private static int answers(String key) {
        return count(RESPONSE_ANSWER, RESPONSE_ANSWER.RESPONSE_ID.in(
                DSL.select(RESPONSE.ID).from(RESPONSE).where(RESPONSE.RESPONSE_KEY.eq(key))));
    }

    /**
     * @return the counters of one metric's rollup row at the ALL grain (every survey, channel and touchpoint) of a
     *     day, by counter index
     */
    private static Map<Integer, Long> allGrain(String metric, LocalDate day) {
        return rollup(metric, new UUID(0, 0), "*", "*", "*", day);
    }

    private static Map<Integer, Long> rollup(String metric, UUID survey, String question, String channel,
                                             String touchpoint, LocalDate day) {
        Map<Integer, Long> counters = new TreeMap<>();
        stored(dsl -> dsl.selectFrom(METRIC_ROLLUP)
                .where(METRIC_ROLLUP.METRIC.eq(metric), METRIC_ROLLUP.SURVEY_ID.eq(survey),
                        METRIC_ROLLUP.QUESTION_ID.eq(question), METRIC_ROLLUP.CHANNEL.eq(channel),
                        METRIC_ROLLUP.TOUCHPOINT_KEY.eq(touchpoint), METRIC_ROLLUP.BUCKET_DAY.eq(day))
                .fetch()).forEach(r -> counters.put(r.getCounterIndex().intValue(), r.getCounterValue()));
        return counters;
    }

    @Test
    void aKnownCustomersAnswerIsStoredOnceAndAResendChangesNothing() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();
        String email = email();
        String body = response(key, email, "{\"q1\":9}", ",\"locale\":\"pt\"");

        JsonNode created = posted(survey, body, 201);
        assertThat(created.path("id").asText()).isEqualTo(key);
        assertThat(created.path("result").asText()).isEqualTo("created");
        assertThat(created.path("status").asText()).as("q2 unanswered").isEqualTo("partial");
        String customer = created.path("customerId").asText();
        JsonNode profile = json(server.adminGet("/api/v1/customers/" + customer));
        assertThat(profile.path("identities").path("email").get(0).asText()).isEqualTo(email);

        JsonNode resent = posted(survey, body, 200);
        assertThat(resent.path("result").asText()).isEqualTo("unchanged");
        assertThat(resent.path("responseId").asText()).isEqualTo(created.path("responseId").asText());
        assertThat(resent.path("customerId").asText()).isEqualTo(customer);
        assertThat(count(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))).isEqualTo(1);
        assertThat(answers(key)).isEqualTo(1);
        assertThat(ResponseApiIT.<String>stored(dsl -> dsl.fetchValue(RESPONSE.LOCALE, RESPONSE.RESPONSE_KEY.eq(key)))).isEqualTo("pt");
    }

    @Test
    void anAnonymousAnswerBelongsToNoCustomerAndTakesTheSurveysDefaultLocale() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();

        JsonNode created = posted(survey, response(key, null, "{\"q1\":7,\"q2\":\"Fine\"}", ""), 201);

        assertThat(created.path("customerId").isNull()).isTrue();
        assertThat(created.path("status").asText()).as("every question answered").isEqualTo("complete");
        assertThat(ResponseApiIT.<ResponseRecord>stored(dsl -> dsl.fetchOne(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))))
                .satisfies(r -> {
                    assertThat(r.getCustomerId()).isNull();
                    assertThat(r.getLocale()).isEqualTo("en");
                    assertThat(r.getCompletedAt()).isNotNull();
                });
    }

    @Test
    void aScoreFirstAndTheCommentLaterMakeOneCompleteResponseCountedOnce() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        UUID surveyId = UUID.fromString(survey);
        String key = key();
        String email = email();
        LocalDate day = LocalDate.of(2025, 3, 11);
        String at = ",\"occurredAt\":\"2025-03-11T09:00:00Z\"";

        JsonNode first = posted(survey, response(key, email, "{\"q1\":6}", at), 201);
        assertThat(first.path("status").asText()).isEqualTo("partial");
        JsonNode comment = posted(survey, response(key, email, "{\"q1\":6,\"q2\":\"Slow delivery\"}",
                ",\"occurredAt\":\"2025-03-11T09:05:00Z\""), 200);
        assertThat(comment.path("result").asText()).isEqualTo("updated");
        assertThat(comment.path("status").asText()).isEqualTo("complete");
        assertThat(comment.path("responseId").asText()).isEqualTo(first.path("responseId").asText());
        JsonNode again = posted(survey, response(key, email, "{\"q2\":\"Slow delivery\"}", at), 200);
        assertThat(again.path("result").asText()).isEqualTo("unchanged");

        assertThat(count(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))).isEqualTo(1);
        assertThat(answers(key)).isEqualTo(2);
        assertThat(ResponseApiIT.<Instant>stored(dsl -> dsl.fetchValue(RESPONSE.COMPLETED_AT, RESPONSE.RESPONSE_KEY.eq(key))))
                .isEqualTo(Instant.parse("2025-03-11T09:05:00Z"));
        assertThat(rollup("nps", surveyId, "q1", "web", "checkout", day)).as("one detractor, counted once")
                .isEqualTo(Map.of(2, 1L));
        assertThat(allGrain("nps", day)).isEqualTo(Map.of(2, 1L));
    }

    @Test
    void concurrentWritesOfOneIdMakeOneResponseCountedOnce() throws Exception {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();
        String email = email();

        List<HttpResponse<String>> answers = Concurrently.run(24, i -> post(survey,
                response(key, email, i % 2 == 0 ? "{\"q1\":4}" : "{\"q1\":4,\"q2\":\"Late\"}", "")));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 201);
        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(1);
        assertThat(answers.stream().map(a -> json(a).path("responseId").asText()).distinct()).hasSize(1);
        assertThat(answers.stream().map(a -> json(a).path("customerId").asText()).distinct()).hasSize(1);
        assertThat(count(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))).isEqualTo(1);
        assertThat(answers(key)).isEqualTo(2);
        assertThat(ResponseApiIT.<Long>stored(dsl -> dsl.select(DSL.sum(METRIC_ROLLUP.COUNTER_VALUE))
                .from(METRIC_ROLLUP).where(METRIC_ROLLUP.SURVEY_ID.eq(UUID.fromString(survey)),
                        METRIC_ROLLUP.CHANNEL.eq("*"), METRIC_ROLLUP.TOUCHPOINT_KEY.eq("*"))
                .fetchOne(0, Long.class))).as("the survey grain counts the one answer").isEqualTo(1L);
    }

    @Test
    void concurrentResponsesNamingOneNewIdentityMakeOneCustomer() throws Exception {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String email = email();

        List<HttpResponse<String>> answers = Concurrently.run(16, i -> post(survey, response(key(), email, "{\"q1\":9}", "")));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(answers.stream().map(a -> json(a).path("customerId").asText()).distinct()).hasSize(1);
    }

    @Test
    void completeTrueCompletesAResponseWithQuestionsLeftUnanswered() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);

        JsonNode created = posted(survey, response(key(), null, "{\"q1\":10}", ",\"complete\":true"), 201);

        assertThat(created.path("status").asText()).isEqualTo("complete");
    }

    @Test
    void aResendWithAnotherValueCustomerChannelOrTouchpointIsAConflictNamingTheField() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();
        String email = email();
        posted(survey, response(key, email, "{\"q1\":9}", ""), 201);
        posted(survey, response(key(), "other-" + email, "{\"q1\":1}", ""), 201);

        Map<String, String> conflicting = Map.of(
                "answers.q1", response(key, email, "{\"q1\":10}", ""),
                "customer", response(key, "other-" + email, "{\"q1\":9}", ""),
                "channel", response(key, email, "{\"q1\":9}", "").replace("\"web\"", "\"store\""),
                "touchpoint", response(key, email, "{\"q1\":9}", "").replace("\"checkout\"", "\"home\""));
        conflicting.forEach((field, body) -> {
            HttpResponse<String> answer = post(survey, body);
            assertThat(answer.statusCode()).as(field + ": " + answer.body()).isEqualTo(409);
            assertThat(problemFields(answer)).containsExactly(field);
        });
        HttpResponse<String> anonymous = post(survey, response(key, null, "{\"q2\":\"hi\"}", ""));
        assertThat(problemFields(anonymous)).as("a known customer's response does not turn anonymous").containsExactly("customer");
        String otherSurvey = activeSurvey(server, NPS_AND_COMMENT);
        assertThat(problemFields(post(otherSurvey, response(key, email, "{\"q1\":9}", "")))).containsExactly("id");

        assertThat(answers(key)).isEqualTo(1);
        assertThat(ResponseApiIT.<Long>stored(dsl -> dsl.fetchValue(RESPONSE_ANSWER.SCORE, RESPONSE_ANSWER.RESPONSE_ID.in(
                DSL.select(RESPONSE.ID).from(RESPONSE).where(RESPONSE.RESPONSE_KEY.eq(key)))))).isEqualTo(9L);
    }

    @Test
    void invalidAnswersAreRefusedNamingTheQuestionAndStoreNothing() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();

        HttpResponse<String> eleven = post(survey, response(key, null, "{\"q1\":11}", ""));
        assertThat(eleven.statusCode()).isEqualTo(400);
        assertThat(problemFields(eleven)).containsExactly("answers.q1");
        assertThat(json(eleven).path("detail").asText()).contains("0 to 10");
        HttpResponse<String> nine = post(survey, response(key, null, "{\"q1\":\"nine\"}", ""));
        assertThat(nine.statusCode()).isEqualTo(400);
        assertThat(problemFields(nine)).containsExactly("answers.q1");
        HttpResponse<String> unknown = post(survey, response(key, null, "{\"q1\":9,\"q7\":3}", ""));
        assertThat(problemFields(unknown)).containsExactly("answers.q7");
        HttpResponse<String> future = post(survey, response(key, null, "{\"q1\":9}",
                ",\"occurredAt\":\"" + Instant.now().plus(2, ChronoUnit.DAYS) + "\""));
        assertThat(problemFields(future)).containsExactly("occurredAt");
        HttpResponse<String> star = post(survey, response(key, null, "{\"q1\":9}", "").replace("\"web\"", "\"*\""));
        assertThat(problemFields(star)).as("'*' means every channel in rollups").containsExactly("channel");

        assertThat(count(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))).isZero();
        assertThat(posted(survey, response(key, null, "{\"q1\":9}", ""), 201).path("result").asText()).isEqualTo("created");
    }

    @Test
    void laterAnswersAreCheckedAgainstTheVersionTheResponseStartedOn() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String started = key();
        posted(survey, response(started, null, "{\"q1\":9}", ""), 201);
        HttpResponse<String> edited = server.send(server.admin("/api/v1/surveys/" + survey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"After purchase\",\"defaultLocale\":\"en\","
                        + "\"questions\":[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q3\",\"type\":\"csat\"}]}")));
        assertThat(json(edited).path("version").asInt()).as(edited.body()).isEqualTo(2);

        assertThat(problemFields(post(survey, response(key(), null, "{\"q1\":9,\"q2\":\"Hi\"}", ""))))
                .as("q2 is not a question of version 2").containsExactly("answers.q2");
        String later = key();
        posted(survey, response(later, null, "{\"q1\":9,\"q3\":5}", ""), 201);
        assertThat(posted(survey, response(started, null, "{\"q2\":\"Kind staff\"}", ""), 200).path("status").asText())
                .as("version 1 asked q2").isEqualTo("complete");
        assertThat(problemFields(post(survey, response(started, null, "{\"q3\":5}", "")))).containsExactly("answers.q3");

        Map<String, Integer> versions = new TreeMap<>();
        json(server.adminGet("/api/v1/responses?survey=" + survey)).path("items")
                .forEach(item -> versions.put(item.path("id").asText(), item.path("surveyVersion").asInt()));
        assertThat(versions).isEqualTo(Map.of(started, 1, later, 2));
    }

    @Test
    void onlyAnActiveSurveyTakesAnswersAndAResendOfNothingNewIsAnsweredAnyway() {
        HttpResponse<String> draft = server.adminPost("/api/v1/surveys",
                "{\"name\":\"Draft\",\"defaultLocale\":\"en\",\"questions\":" + NPS_AND_COMMENT + "}");
        String draftId = json(draft).path("id").asText();
        assertThat(post(draftId, response(key(), null, "{\"q1\":9}", "")).statusCode()).isEqualTo(409);
        assertThat(post(UUID.randomUUID().toString(), response(key(), null, "{\"q1\":9}", "")).statusCode()).isEqualTo(404);

        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();
        posted(survey, response(key, null, "{\"q1\":9}", ""), 201);
        assertThat(server.adminPost("/api/v1/surveys/" + survey + "/pause", "").statusCode()).isEqualTo(200);

        HttpResponse<String> paused = post(survey, response(key(), null, "{\"q1\":9}", ""));
        assertThat(paused.statusCode()).isEqualTo(409);
        assertThat(json(paused).path("detail").asText()).contains("paused");
        assertThat(posted(survey, response(key, null, "{\"q1\":9}", ""), 200).path("result").asText()).isEqualTo("unchanged");
        assertThat(post(survey, response(key, null, "{\"q2\":\"late\"}", "")).statusCode()).isEqualTo(409);
    }

    @Test
    void theProfileKeepsTheLatestAnswerPerMetricByTheTimeItWasGiven() {
        String nps = activeSurvey(server, NPS_AND_COMMENT);
        String csat = activeSurvey(server, "[{\"id\":\"sat\",\"type\":\"csat\"},{\"id\":\"effort\",\"type\":\"ces\"}]");
        String email = email();
        String customer = posted(nps, response(key(), email, "{\"q1\":9}", ",\"occurredAt\":\"2026-06-01T10:00:00Z\""), 201)
                .path("customerId").asText();
        JsonNode imported = posted(nps, response(key(), email, "{\"q1\":3}", ",\"occurredAt\":\"2025-01-01T10:00:00Z\""), 201);
        assertThat(imported.path("customerId").asText()).isEqualTo(customer);
        String latestCsat = posted(csat, response(key(), email, "{\"sat\":2,\"effort\":6}",
                ",\"occurredAt\":\"2026-06-02T10:00:00Z\""), 201).path("responseId").asText();

        JsonNode metrics = json(server.adminGet("/api/v1/customers/" + customer)).path("metrics");
        assertThat(metrics.path("nps").path("score").asInt()).as("the older import does not replace it").isEqualTo(9);
        assertThat(metrics.path("nps").path("category").asText()).isEqualTo("promoter");
        assertThat(metrics.path("nps").path("surveyId").asText()).isEqualTo(nps);
        assertThat(metrics.path("nps").path("answeredAt").asText()).isEqualTo("2026-06-01T10:00:00Z");
        assertThat(metrics.path("csat").path("score").asInt()).isEqualTo(2);
        assertThat(metrics.path("csat").path("responseId").asText()).isEqualTo(latestCsat);
        assertThat(metrics.path("ces").path("score").asInt()).isEqualTo(6);

        posted(nps, response(key(), email, "{\"q1\":7}", ",\"occurredAt\":\"2026-07-01T10:00:00Z\""), 201);
        JsonNode later = json(server.adminGet("/api/v1/customers/" + customer)).path("metrics").path("nps");
        assertThat(later.path("score").asInt()).isEqualTo(7);
        assertThat(later.path("category").asText()).isEqualTo("passive");
        posted(nps, response(key(), email, "{\"q1\":0}", ",\"occurredAt\":\"2026-08-01T10:00:00Z\""), 201);
        assertThat(json(server.adminGet("/api/v1/customers/" + customer)).path("metrics").path("nps").path("category")
                .asText()).isEqualTo("detractor");
    }

    @Test
    void aMergedCustomerKeepsTheNewerMetricStateOfTheTwo() {
        String nps = activeSurvey(server, NPS_AND_COMMENT);
        String older = email();
        String newer = email();
        String survivor = posted(nps, response(key(), older, "{\"q1\":2}", ",\"occurredAt\":\"2026-01-01T10:00:00Z\""), 201)
                .path("customerId").asText();
        String merged = posted(nps, response(key(), newer, "{\"q1\":10}", ",\"occurredAt\":\"2026-02-01T10:00:00Z\""), 201)
                .path("customerId").asText();

        HttpResponse<String> merge = server.adminPost("/api/v1/customers/" + survivor + "/merge", "{\"other\":\"" + merged + "\"}");
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);

        JsonNode state = json(merge).path("metrics").path("nps");
        assertThat(state.path("score").asInt()).isEqualTo(10);
        assertThat(state.path("category").asText()).isEqualTo("promoter");
        assertThat(count(CUSTOMER_METRIC_STATE, CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(UUID.fromString(merged)))).isZero();
        assertThat(count(CUSTOMER_METRIC_STATE, CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(UUID.fromString(survivor)))).isEqualTo(1);
    }

    @Test
    void theResponseShowsOnTheCustomersTimelineWithItsAnswers() {
        String survey = activeSurvey(server, NPS_AND_COMMENT);
        String key = key();
        String email = email();
        String customer = posted(survey, response(key, email, "{\"q1\":8}", ""), 201).path("customerId").asText();
        posted(survey, response(key, email, "{\"q2\":\"Good\"}", ""), 200);

        JsonNode items = json(server.adminGet("/api/v1/customers/" + customer + "/timeline")).path("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("kind").asText()).isEqualTo("response");
        assertThat(items.get(0).path("id").asText()).isEqualTo(key);
        assertThat(items.get(0).path("surveyId").asText()).isEqualTo(survey);
        assertThat(items.get(0).path("answers").path("q1").asInt()).isEqualTo(8);
        assertThat(items.get(0).path("answers").path("q2").asText()).isEqualTo("Good");
    }

    @Test
    void rollupRowsAtEveryGrainCountTheAnswers() {
        String first = activeSurvey(server, "[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q2\",\"type\":\"csat\"}]");
        String second = activeSurvey(server, NPS_AND_COMMENT);
        LocalDate day = LocalDate.of(2024, 2, 29);
        String at = ",\"occurredAt\":\"2024-02-29T12:00:00Z\"";
        List<Integer> npsScores = List.of(10, 9, 8, 6, 0);
        for (int i = 0; i < npsScores.size(); i++) {
            String survey = i % 2 == 0 ? first : second;
            String body = response(key(), i % 3 == 0 ? null : email(), "{\"q1\":" + npsScores.get(i) + "}", at);
            posted(survey, i == 4 ? body.replace("\"web\"", "\"store\"") : body, 201);
        }
        posted(first, response(key(), null, "{\"q2\":5}", at), 201);
        posted(first, response(key(), null, "{\"q2\":4}", at), 201);

        assertThat(allGrain("nps", day)).as("2 promoters, 1 passive, 2 detractors").isEqualTo(Map.of(0, 2L, 1, 1L, 2, 2L));
        assertThat(rollup("nps", new UUID(0, 0), "*", "store", "*", day)).as("channel grain").isEqualTo(Map.of(2, 1L));
        assertThat(rollup("nps", new UUID(0, 0), "*", "web", "*", day)).isEqualTo(Map.of(0, 2L, 1, 1L, 2, 1L));
        assertThat(rollup("nps", new UUID(0, 0), "*", "*", "checkout", day)).as("touchpoint grain")
                .isEqualTo(Map.of(0, 2L, 1, 1L, 2, 2L));
        assertThat(rollup("nps", UUID.fromString(first), "q1", "*", "*", day)).as("survey grain: 10, 8, 0")
                .isEqualTo(Map.of(0, 1L, 1, 1L, 2, 1L));
        assertThat(rollup("nps", UUID.fromString(second), "q1", "web", "checkout", day)).as("detail grain: 9, 6")
                .isEqualTo(Map.of(0, 1L, 2, 1L));
        assertThat(allGrain("csat", day)).as("one answer of 4, one of 5").isEqualTo(Map.of(3, 1L, 4, 1L));
        assertThat(allGrain("nps", day.plusDays(1))).as("nothing on other days").isEmpty();
    }

    @Test
    void anAnswerAddedLaterCountsAtTheResponsesTime() {
        String survey = activeSurvey(server, "[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q2\",\"type\":\"csat\"}]");
        String key = key();
        String email = email();
        LocalDate day = LocalDate.of(2023, 5, 10);
        String customer = posted(survey, response(key, email, "{\"q1\":9}", ",\"occurredAt\":\"2023-05-10T23:30:00Z\""), 201)
                .path("customerId").asText();

        posted(survey, response(key, email, "{\"q2\":5}", ",\"occurredAt\":\"2023-05-11T08:00:00Z\""), 200);

        assertThat(allGrain("csat", day)).isEqualTo(Map.of(4, 1L));
        assertThat(allGrain("csat", day.plusDays(1))).isEmpty();
        JsonNode csat = json(server.adminGet("/api/v1/customers/" + customer)).path("metrics").path("csat");
        assertThat(csat.path("answeredAt").asText()).isEqualTo("2023-05-10T23:30:00Z");
    }

    @Test
    void analystsReadButDoNotRecordResponses() {
        String analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
        String survey = activeSurvey(server, NPS_AND_COMMENT);

        HttpResponse<String> refused = server.postJson("/api/v1/surveys/" + survey + "/responses", analyst,
                response(key(), null, "{\"q1\":9}", ""));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/responses?survey=" + survey, analyst).statusCode()).isEqualTo(200);
    }
}
