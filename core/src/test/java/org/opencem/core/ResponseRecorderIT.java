package org.opencem.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;
import static org.opencem.core.store.schema.Tables.SURVEY;
import static org.opencem.core.store.schema.Tables.SURVEY_QUESTION;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.api.customer.Identity;
import org.opencem.api.survey.ResponseRecorder;
import org.opencem.api.survey.SurveyResponse;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.http.openapi.ApiContract;
import org.opencem.core.ingest.GroupCommitWriter;
import org.opencem.core.store.Database;

/**
 * The {@link ResponseRecorder} the core binds for plugins, from the server's own injector on the H2 store: it
 * records through the same parser and writer as the API, and fails its stage the way the API refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseRecorderIT {

    private Vertx vertx;
    private Database database;
    private GroupCommitWriter writer;
    private ResponseRecorder recorder;
    private UUID survey;

    @BeforeAll
    void start(@TempDir Path home) {
        ServerConfig config = new ConfigLoader().load(Optional.empty(), Map.of(
                "OPENCEM_DATA_DIR", home.resolve("data").toString(), "OPENCEM_PLUGINS_DIR", home.resolve("plugins").toString()));
        vertx = Vertx.vertx();
        database = Database.open(config);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(config, vertx, database,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), ApiContract.load(vertx)));
        writer = injector.getInstance(GroupCommitWriter.class);
        writer.start();
        recorder = injector.getInstance(ResponseRecorder.class);
        survey = survey("active");
    }

    @AfterAll
    void stop() {
        writer.close();
        database.close();
        vertx.close().await();
    }

    /** A survey of one core rating question (1 to 5) and one free-text question, stored as the survey API stores it. */
    private UUID survey(String status) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        database.dsl().insertInto(SURVEY).set(SURVEY.ID, id).set(SURVEY.NAME, "Kiosk").set(SURVEY.STATUS, status)
                .set(SURVEY.DEFAULT_LOCALE, "en").set(SURVEY.VERSION, 1).set(SURVEY.QUIET_DAYS, 30)
                .set(SURVEY.SAMPLING_RATE, 1.0).set(SURVEY.CREATED_AT, now).set(SURVEY.UPDATED_AT, now).execute();
        List.of("rating", "text").forEach(type -> database.dsl().insertInto(SURVEY_QUESTION)
                .set(SURVEY_QUESTION.SURVEY_ID, id).set(SURVEY_QUESTION.SURVEY_VERSION, 1)
                .set(SURVEY_QUESTION.QUESTION_ID, type.equals("rating") ? "q1" : "q2")
                .set(SURVEY_QUESTION.POSITION, type.equals("rating") ? 0 : 1).set(SURVEY_QUESTION.QUESTION_TYPE, type)
                .set(SURVEY_QUESTION.TEXTS, "{\"en\":\"Tell us\"}").set(SURVEY_QUESTION.OPTIONS, "[]").execute());
        return id;
    }

    private static SurveyResponse response(String id, UUID survey, List<Identity> identities, Map<String, Object> answers) {
        return new SurveyResponse(id, survey.toString(), identities, "7c1e9a20-5b3f-4d8e-a1c2-3e4f5a6b7c8d", "store:lisbon-01",
                "pt", Instant.now().truncatedTo(ChronoUnit.SECONDS), answers);
    }

    private static String recorded(ResponseRecorder recorder, SurveyResponse response) throws Exception {
        return recorder.record(response).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private Throwable refusal(SurveyResponse response) {
        return recorder.record(response).handle((id, failure) -> failure).toCompletableFuture().join();
    }

    @Test
    void aChannelsResponseIsStoredLikeTheApisAndItsCommentLaterJoinsIt() throws Exception {
        String key = "kiosk-" + UUID.randomUUID();
        List<Identity> identities = List.of(new Identity("email", " Ana." + key + "@Example.com "));

        String id = recorded(recorder, response(key, survey, identities, Map.of("q1", 4)));
        String again = recorded(recorder, response(key, survey, identities, Map.of("q1", 4, "q2", "Friendly staff")));

        assertThat(again).isEqualTo(id);
        var row = database.dsl().fetchOne(RESPONSE, RESPONSE.ID.eq(UUID.fromString(id)));
        assertThat(row.getResponseKey()).isEqualTo(key);
        assertThat(row.getChannel()).as("the channel instance id").isEqualTo("7c1e9a20-5b3f-4d8e-a1c2-3e4f5a6b7c8d");
        assertThat(row.getTouchpointKey()).isEqualTo("store:lisbon-01");
        assertThat(row.getLocale()).isEqualTo("pt");
        assertThat(row.getCustomerId()).as("identities normalized and resolved").isNotNull();
        assertThat(row.getCompletedAt()).isNotNull();
        assertThat(database.dsl().fetchCount(RESPONSE_ANSWER, RESPONSE_ANSWER.RESPONSE_ID.eq(row.getId()))).isEqualTo(2);
    }

    @Test
    void refusalsFailTheStageLikeTheApiAnswers() {
        String key = "kiosk-" + UUID.randomUUID();
        assertThat(refusal(response(key, survey, List.of(), Map.of("q1", 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answers.q1");
        assertThat(refusal(response(key, UUID.randomUUID(), List.of(), Map.of("q1", 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no survey");
        assertThat(refusal(response(key, survey("paused"), List.of(), Map.of("q1", 3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("paused");
        assertThat(refusal(response(key, survey, List.of(new Identity("email", "not-an-email")), Map.of("q1", 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customer.identities.email");
        assertThat(database.dsl().fetchCount(RESPONSE, RESPONSE.RESPONSE_KEY.eq(key))).isZero();
        assertThatThrownBy(() -> recorder.record(response(key, survey, List.of(), Map.of("q1", 3))).toCompletableFuture()
                .thenCompose(id -> recorder.record(response(key, survey, List.of(), Map.of("q1", 5))))
                .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answers.q1");
    }
}
