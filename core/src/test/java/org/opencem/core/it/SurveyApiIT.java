package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;
import static org.opencem.core.store.schema.Tables.CHANNEL_INSTANCE;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The survey API over real HTTP with the NPS, CSAT and CES plugins installed: definitions, versions, the lifecycle,
 * deletion, bad input, the bundled wording, and the fatigue rules (history rows written straight to the store).
 */
class SurveyApiIT {

    private static final String NPS_AND_COMMENT = "[{\"id\":\"q1\",\"type\":\"nps\"},"
            + "{\"id\":\"q2\",\"type\":\"text\",\"text\":{\"en\":\"Why?\",\"pt\":\"Porquê?\"}}]";

    @TempDir
    static Path home;

    private static TestServer server;
    private static String analyst;

    @BeforeAll
    static void start() {
        server = TestServer.start(home, "opencem-metric-nps", "opencem-metric-csat", "opencem-metric-ces");
        analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String survey(String questions) {
        return survey(questions, "");
    }

    /** @param more further members of the body, each starting with a comma */
    private static String survey(String questions, String more) {
        return "{\"name\":\"After purchase\",\"defaultLocale\":\"en\",\"questions\":" + questions + more + "}";
    }

    private static JsonNode created(String body) {
        HttpResponse<String> response = server.adminPost("/api/v1/surveys", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static HttpResponse<String> put(String id, String body) {
        return server.send(server.admin("/api/v1/surveys/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(String id) {
        return server.send(server.admin("/api/v1/surveys/" + id).DELETE());
    }

    private static HttpResponse<String> lifecycle(String id, String action) {
        return server.adminPost("/api/v1/surveys/" + id + "/" + action, "");
    }

    private static JsonNode read(String path) {
        HttpResponse<String> response = server.adminGet(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> questionIds(JsonNode survey) {
        List<String> ids = new ArrayList<>();
        survey.path("questions").forEach(q -> ids.add(q.path("id").asText()));
        return ids;
    }

    private static String activeSurvey(int quietDays, double samplingRate) {
        String id = created(survey("[{\"id\":\"q1\",\"type\":\"nps\"}]",
                ",\"fatigue\":{\"quietDays\":" + quietDays + ",\"samplingRate\":" + samplingRate + "}")).path("id").asText();
        assertThat(lifecycle(id, "activate").statusCode()).isEqualTo(200);
        return id;
    }

    private static String customer(String email) {
        HttpResponse<String> response = server.adminPost("/api/v1/customers",
                "{\"identities\":{\"email\":\"" + email + "\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asText();
    }

    private static String email() {
        return "c-" + UUID.randomUUID() + "@example.com";
    }

    private static JsonNode eligibility(String surveyId, String email) {
        HttpResponse<String> response = server.adminPost("/api/v1/surveys/" + surveyId + "/eligibility",
                "{\"customer\":{\"identities\":{\"email\":\"" + email + "\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static UUID channel() throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        try (TestServer.Store store = server.openStore()) {
            store.dsl().insertInto(CHANNEL_INSTANCE).set(CHANNEL_INSTANCE.ID, id).set(CHANNEL_INSTANCE.CHANNEL_TYPE, "test-echo")
                    .set(CHANNEL_INSTANCE.NAME, "Kiosk").set(CHANNEL_INSTANCE.CONFIG, "{}").set(CHANNEL_INSTANCE.ENABLED, false)
                    .set(CHANNEL_INSTANCE.CREATED_AT, now).set(CHANNEL_INSTANCE.UPDATED_AT, now).execute();
        }
        return id;
    }

    private static void response(String surveyId, int version, String customerId, Instant occurredAt) throws SQLException {
        try (TestServer.Store store = server.openStore()) {
            store.dsl().insertInto(RESPONSE).set(RESPONSE.ID, UUID.randomUUID()).set(RESPONSE.RESPONSE_KEY, "r-" + UUID.randomUUID())
                    .set(RESPONSE.SURVEY_ID, UUID.fromString(surveyId)).set(RESPONSE.SURVEY_VERSION, version)
                    .set(RESPONSE.CUSTOMER_ID, customerId == null ? null : UUID.fromString(customerId))
                    .set(RESPONSE.CHANNEL, "web").set(RESPONSE.TOUCHPOINT_KEY, "checkout").set(RESPONSE.LOCALE, "en")
                    .set(RESPONSE.OCCURRED_AT, occurredAt).set(RESPONSE.RECORDED_AT, Instant.now()).execute();
        }
    }

    private static void invitation(String surveyId, String customerId, Instant createdAt, Instant sentAt) throws SQLException {
        UUID channel = channel();
        try (TestServer.Store store = server.openStore()) {
            store.dsl().insertInto(INVITATION).set(INVITATION.ID, UUID.randomUUID())
                    .set(INVITATION.SURVEY_ID, UUID.fromString(surveyId)).set(INVITATION.CUSTOMER_ID, UUID.fromString(customerId))
                    .set(INVITATION.CHANNEL_ID, channel).set(INVITATION.STATUS, sentAt == null ? "queued" : "sent")
                    .set(INVITATION.CREATED_AT, createdAt).set(INVITATION.SENT_AT, sentAt)
                    .set(INVITATION.EXPIRES_AT, createdAt.plus(Duration.ofDays(30))).execute();
        }
    }

    // Definitions.

    @Test
    void createdSurveyIsADraftAtVersionOneWithItsDefinitionAndLocation() throws SQLException {
        UUID channel = channel();
        HttpResponse<String> response = server.adminPost("/api/v1/surveys", survey(NPS_AND_COMMENT,
                ",\"channels\":[\"" + channel + "\"],\"touchpoints\":[\"checkout\",\"store:lisbon-01\"]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/surveys/" + body.path("id").asText());
        assertThat(body.path("status").asText()).isEqualTo("draft");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("defaultLocale").asText()).isEqualTo("en");
        assertThat(questionIds(body)).containsExactly("q1", "q2");
        assertThat(body.path("questions").get(1).path("text").path("pt").asText()).isEqualTo("Porquê?");
        assertThat(body.path("questions").get(1).has("options")).isFalse();
        assertThat(body.path("channels").get(0).asText()).isEqualTo(channel.toString());
        assertThat(body.path("touchpoints")).extracting(JsonNode::asText).containsExactlyInAnyOrder("checkout", "store:lisbon-01");
        assertThat(body.path("fatigue").path("quietDays").asInt()).as("default").isEqualTo(30);
        assertThat(body.path("fatigue").path("samplingRate").asDouble()).as("default").isEqualTo(1.0);
        assertThat(body.path("responses").asInt()).isZero();
        assertThat(read("/api/v1/surveys/" + body.path("id").asText())).isEqualTo(body);
    }

    @Test
    void choiceQuestionKeepsItsOptionsInOrder() {
        JsonNode body = created(survey("[{\"id\":\"why\",\"type\":\"choice\",\"text\":{\"en\":\"Main reason?\"},"
                + "\"options\":[\"Price\",\"Quality\",\"Service\"]}]"));

        assertThat(body.path("questions").get(0).path("options")).extracting(JsonNode::asText)
                .containsExactly("Price", "Quality", "Service");
    }

    @Test
    void bundledQuestionsShipTheirWordingInEnglishPortugueseSpanishAndFrench() {
        JsonNode body = created(survey("[{\"id\":\"nps\",\"type\":\"nps\"},{\"id\":\"csat\",\"type\":\"csat\"},"
                + "{\"id\":\"ces\",\"type\":\"ces\"},{\"id\":\"rating\",\"type\":\"rating\"}]"));

        for (JsonNode question : body.path("questions")) {
            assertThat(question.path("text").fieldNames()).toIterable().as(question.path("id").asText())
                    .containsExactlyInAnyOrder("en", "pt", "es", "fr");
        }
        Map<String, JsonNode> byId = Map.of("nps", body.path("questions").get(0).path("text"),
                "csat", body.path("questions").get(1).path("text"), "ces", body.path("questions").get(2).path("text"));
        assertThat(byId.get("nps").path("en").asText()).isEqualTo("How likely are you to recommend us to a friend or colleague?");
        assertThat(byId.get("nps").path("pt").asText()).isEqualTo("Qual a probabilidade de nos recomendar a um amigo ou colega?");
        assertThat(byId.get("nps").path("es").asText()).isEqualTo("¿Qué probabilidad hay de que nos recomiende a un amigo o colega?");
        assertThat(byId.get("nps").path("fr").asText())
                .isEqualTo("Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?");
        assertThat(byId.get("csat").path("en").asText()).isEqualTo("How satisfied are you with your experience?");
        assertThat(byId.get("csat").path("pt").asText()).isEqualTo("Qual o seu grau de satisfação com a sua experiência?");
        assertThat(byId.get("csat").path("es").asText()).isEqualTo("¿Qué tan satisfecho está con su experiencia?");
        assertThat(byId.get("csat").path("fr").asText()).isEqualTo("Dans quelle mesure êtes-vous satisfait de votre expérience ?");
        assertThat(byId.get("ces").path("en").asText()).isEqualTo("How easy was it to get what you needed?");
        assertThat(byId.get("ces").path("pt").asText()).isEqualTo("Quão fácil foi obter o que precisava?");
        assertThat(byId.get("ces").path("es").asText()).isEqualTo("¿Qué tan fácil fue obtener lo que necesitaba?");
        assertThat(byId.get("ces").path("fr").asText())
                .isEqualTo("Dans quelle mesure a-t-il été facile d'obtenir ce dont vous aviez besoin ?");
    }

    @Test
    void regionLocaleTakesItsLanguagesWordingAndCustomTextsKeepTheDefaultLocalesWording() {
        JsonNode body = created("{\"name\":\"Brasil\",\"defaultLocale\":\"pt-BR\",\"questions\":[{\"id\":\"q1\",\"type\":\"nps\"},"
                + "{\"id\":\"q2\",\"type\":\"csat\",\"text\":{\"es\":\"¿Satisfecho?\"}}]}");

        assertThat(body.path("questions").get(0).path("text").path("pt-BR").asText())
                .isEqualTo("Qual a probabilidade de nos recomendar a um amigo ou colega?");
        assertThat(body.path("questions").get(1).path("text").fieldNames()).toIterable()
                .as("the given text, and the type's wording for the fallback locale").containsExactlyInAnyOrder("pt-BR", "es");
        assertThat(body.path("questions").get(1).path("text").path("es").asText()).isEqualTo("¿Satisfecho?");
    }

    @Test
    void listIsNewestFirstInPagesAndFiltersByStatus() {
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> created(survey(NPS_AND_COMMENT)).path("id").asText()).toList();
        assertThat(lifecycle(ids.get(1), "activate").statusCode()).isEqualTo(200);

        List<String> listed = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = read("/api/v1/surveys?limit=2" + (next == null ? "" : "&cursor=" + next));
            page.path("items").forEach(item -> listed.add(item.path("id").asText()));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null);
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed.stream().filter(ids::contains).toList()).as("newest first").containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(pages).isGreaterThanOrEqualTo(2);

        List<String> active = new ArrayList<>();
        read("/api/v1/surveys?status=active&limit=200").path("items").forEach(item -> {
            assertThat(item.path("status").asText()).isEqualTo("active");
            active.add(item.path("id").asText());
        });
        assertThat(active).contains(ids.get(1)).doesNotContain(ids.get(0), ids.get(2));
        assertThat(problemFields(server.adminGet("/api/v1/surveys?cursor=bm90LWEtY3Vyc29y"))).containsExactly("cursor");
        assertThat(problemFields(server.adminGet("/api/v1/surveys?status=open"))).containsExactly("status");
    }

    @Test
    void analystReadsSurveysButCannotWriteThem() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();

        assertThat(server.get("/api/v1/surveys/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/surveys", analyst).statusCode()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/surveys", analyst, survey(NPS_AND_COMMENT)).statusCode()).isEqualTo(403);
        assertThat(server.postJson("/api/v1/surveys/" + id + "/activate", analyst, "").statusCode()).isEqualTo(403);
    }

    @Test
    void surveyWritesAreAuditedByIdOnly() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();
        lifecycle(id, "activate");

        JsonNode entries = read("/api/v1/audit?limit=500").path("items");
        List<String> actions = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.path("target").asText().equals(id)) {
                actions.add(entry.path("action").asText());
                assertThat(entry.path("detail").asText()).doesNotContain("After purchase");
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("survey.create", "survey.activate");
    }

    // Versions.

    @Test
    void editingTheQuestionsOfADraftReplacesThemInPlace() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();

        HttpResponse<String> edited = put(id, "{\"name\":\"Renamed\",\"defaultLocale\":\"en\","
                + "\"questions\":[{\"id\":\"q1\",\"type\":\"csat\"}]}");

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).path("version").asInt()).isEqualTo(1);
        assertThat(json(edited).path("name").asText()).isEqualTo("Renamed");
        assertThat(json(edited).path("questions").get(0).path("type").asText()).isEqualTo("csat");
        assertThat(read("/api/v1/surveys/" + id + "?version=1").path("questions").get(0).path("type").asText()).isEqualTo("csat");
    }

    @Test
    void editingQuestionsAnsweredAddsAVersionAndKeepsTheOldOneReadable() throws SQLException {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();
        lifecycle(id, "activate");
        response(id, 1, null, Instant.now());
        String v2 = survey("[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q3\",\"type\":\"ces\"}]");

        HttpResponse<String> edited = put(id, v2);

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).path("version").asInt()).isEqualTo(2);
        assertThat(json(edited).path("status").asText()).as("editing keeps the status").isEqualTo("active");
        assertThat(json(edited).path("responses").asInt()).isEqualTo(1);
        assertThat(questionIds(read("/api/v1/surveys/" + id))).containsExactly("q1", "q3");
        JsonNode old = read("/api/v1/surveys/" + id + "?version=1");
        assertThat(old.path("version").asInt()).isEqualTo(1);
        assertThat(questionIds(old)).containsExactly("q1", "q2");
        assertThat(old.path("questions").get(1).path("text").path("en").asText()).isEqualTo("Why?");

        assertThat(json(put(id, v2)).path("version").asInt()).as("the same questions again: no new version").isEqualTo(2);
        assertThat(json(put(id, survey("[{\"id\":\"q1\",\"type\":\"nps\"}]"))).path("version").asInt())
                .as("an active survey's questions are never replaced: a response may be committing").isEqualTo(3);
        assertThat(questionIds(read("/api/v1/surveys/" + id + "?version=3"))).containsExactly("q1");
        assertThat(questionIds(read("/api/v1/surveys/" + id + "?version=2"))).containsExactly("q1", "q3");
        assertThat(questionIds(read("/api/v1/surveys/" + id + "?version=1"))).containsExactly("q1", "q2");
        assertThat(server.adminGet("/api/v1/surveys/" + id + "?version=4").statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAChannelTakesItOutOfItsSurveys() throws SQLException {
        UUID kept = channel();
        UUID deleted = channel();
        String id = created(survey(NPS_AND_COMMENT, ",\"channels\":[\"" + kept + "\",\"" + deleted + "\"]")).path("id").asText();

        assertThat(server.send(server.admin("/api/v1/channels/" + deleted).DELETE()).statusCode()).isEqualTo(204);

        assertThat(read("/api/v1/surveys/" + id).path("channels")).extracting(JsonNode::asText).containsExactly(kept.toString());
    }

    @Test
    void unknownSurveyIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertThat(server.adminGet("/api/v1/surveys/" + unknown).statusCode()).isEqualTo(404);
        assertThat(put(unknown, survey(NPS_AND_COMMENT)).statusCode()).isEqualTo(404);
        assertThat(delete(unknown).statusCode()).isEqualTo(404);
        assertThat(lifecycle(unknown, "activate").statusCode()).isEqualTo(404);
        assertThat(server.adminPost("/api/v1/surveys/" + unknown + "/eligibility",
                "{\"customer\":{\"identities\":{\"email\":\"a@example.com\"}}}").statusCode()).isEqualTo(404);
    }

    // Lifecycle and deletion.

    @Test
    void lifecycleGoesFromDraftToActiveToPausedAndBackAndEndsClosed() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();

        assertThat(lifecycle(id, "pause").statusCode()).as("a draft cannot pause").isEqualTo(409);
        assertThat(json(lifecycle(id, "activate")).path("status").asText()).isEqualTo("active");
        assertThat(json(lifecycle(id, "activate")).path("status").asText()).as("activating twice").isEqualTo("active");
        assertThat(json(lifecycle(id, "pause")).path("status").asText()).isEqualTo("paused");
        assertThat(json(lifecycle(id, "activate")).path("status").asText()).isEqualTo("active");
        assertThat(json(lifecycle(id, "close")).path("status").asText()).isEqualTo("closed");

        for (String action : List.of("activate", "pause", "close")) {
            assertThat(lifecycle(id, action).statusCode()).as(action + " a closed survey").isEqualTo(409);
        }
        assertThat(put(id, survey(NPS_AND_COMMENT)).statusCode()).isEqualTo(409);
        assertThat(read("/api/v1/surveys/" + id).path("status").asText()).isEqualTo("closed");
        assertThat(json(lifecycle(created(survey(NPS_AND_COMMENT)).path("id").asText(), "close")).path("status").asText())
                .as("a draft closes").isEqualTo("closed");
    }

    @Test
    void surveyWithoutResponsesIsDeleted() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();

        assertThat(delete(id).statusCode()).isEqualTo(204);
        assertThat(server.adminGet("/api/v1/surveys/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void surveyWithResponsesOrInvitationsIsClosedNotDeleted() throws SQLException {
        String answered = activeSurvey(30, 1.0);
        response(answered, 1, null, Instant.now());
        String invited = activeSurvey(30, 1.0);
        invitation(invited, customer(email()), Instant.now(), null);

        for (String id : List.of(answered, invited)) {
            HttpResponse<String> refused = delete(id);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused).path("detail").asText()).contains("close it instead");
            assertThat(server.adminGet("/api/v1/surveys/" + id).statusCode()).isEqualTo(200);
        }
    }

    // Bad input.

    static Stream<Arguments> badSurveys() {
        String elevenQuestions = IntStream.range(0, 11).mapToObj(i -> "{\"id\":\"q" + i + "\",\"type\":\"nps\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                Arguments.of("no question", survey("[]"), "questions"),
                Arguments.of("over 10 questions", survey(elevenQuestions), "questions"),
                Arguments.of("unknown question type", survey("[{\"id\":\"q1\",\"type\":\"stars\"}]"), "questions[0].type"),
                Arguments.of("duplicate question ids", survey("[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q1\",\"type\":\"text\"}]"),
                        "questions[1].id"),
                Arguments.of("bad question id", survey("[{\"id\":\"Q 1\",\"type\":\"nps\"}]"), "questions[0].id"),
                Arguments.of("no wording in the default locale", survey("[{\"id\":\"q1\",\"type\":\"nps\"}]")
                        .replace("\"en\"", "\"de\""), "questions[0].text"),
                Arguments.of("text without the default locale and no wording to fall back on",
                        survey("[{\"id\":\"q1\",\"type\":\"text\",\"text\":{\"pt\":\"Porquê?\"}}]").replace("\"en\"", "\"de\""),
                        "questions[0].text"),
                Arguments.of("empty text", survey("[{\"id\":\"q1\",\"type\":\"text\",\"text\":{\"en\":\"\"}}]"), "questions[0].text.en"),
                Arguments.of("text in a malformed locale", survey("[{\"id\":\"q1\",\"type\":\"text\",\"text\":{\"english\":\"Why?\"}}]"),
                        "questions[0].text"),
                Arguments.of("options on a scale question", survey("[{\"id\":\"q1\",\"type\":\"nps\",\"options\":[\"a\",\"b\"]}]"),
                        "questions[0].options"),
                Arguments.of("choice without options", survey("[{\"id\":\"q1\",\"type\":\"choice\"}]"), "questions[0].options"),
                Arguments.of("choice with one option", survey("[{\"id\":\"q1\",\"type\":\"choice\",\"options\":[\"a\"]}]"),
                        "questions[0].options"),
                Arguments.of("choice with repeated options",
                        survey("[{\"id\":\"q1\",\"type\":\"choice\",\"options\":[\"a\",\"a\"]}]"), "questions[0].options"),
                Arguments.of("choice with an empty option",
                        survey("[{\"id\":\"q1\",\"type\":\"choice\",\"options\":[\"a\",\"\"]}]"), "questions[0].options[1]"),
                Arguments.of("channel that does not exist", survey(NPS_AND_COMMENT, ",\"channels\":[\"" + UUID.randomUUID() + "\"]"),
                        "channels[0]"),
                Arguments.of("channel that is no id", survey(NPS_AND_COMMENT, ",\"channels\":[\"email\"]"), "channels[0]"),
                Arguments.of("touchpoint '*'", survey(NPS_AND_COMMENT, ",\"touchpoints\":[\"*\"]"), "touchpoints[0]"),
                Arguments.of("quiet days over a year", survey(NPS_AND_COMMENT, ",\"fatigue\":{\"quietDays\":366}"), "fatigue.quietDays"),
                Arguments.of("sampling rate over 1", survey(NPS_AND_COMMENT, ",\"fatigue\":{\"samplingRate\":1.5}"),
                        "fatigue.samplingRate"),
                Arguments.of("malformed default locale", survey("[{\"id\":\"q1\",\"type\":\"nps\"}]").replace("\"en\"", "\"english\""),
                        "defaultLocale"),
                Arguments.of("no name", survey(NPS_AND_COMMENT).replace("\"name\":\"After purchase\",", ""), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSurveys")
    void badSurveyIsRefusedNamingTheField(String what, String body, String field) {
        HttpResponse<String> created = server.adminPost("/api/v1/surveys", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(problemFields(created)).as(created.body()).containsExactly(field);
    }

    @Test
    void badEditIsRefusedLikeABadSurveyAndChangesNothing() {
        JsonNode before = created(survey(NPS_AND_COMMENT));
        String id = before.path("id").asText();

        HttpResponse<String> edited = put(id, survey("[{\"id\":\"q1\",\"type\":\"stars\"}]"));

        assertThat(edited.statusCode()).isEqualTo(400);
        assertThat(problemFields(edited)).containsExactly("questions[0].type");
        assertThat(read("/api/v1/surveys/" + id)).isEqualTo(before);
    }

    // Fatigue rules.

    @Test
    void onlyAnActiveSurveyInvites() {
        String id = created(survey(NPS_AND_COMMENT)).path("id").asText();

        JsonNode draft = eligibility(id, email());

        assertThat(draft.path("eligible").asBoolean()).isFalse();
        assertThat(draft.path("reason").asText()).isEqualTo("survey-not-active");
        assertThat(draft.path("nextEligibleAt").isNull()).isTrue();
    }

    @Test
    void quietPeriodCountsResponsesToAnySurveyUpToItsLastDay() throws SQLException {
        String other = activeSurvey(30, 1.0);
        String id = activeSurvey(10, 1.0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String insideEmail = email();
        String outsideEmail = email();
        Instant inside = now.minus(Duration.ofDays(10)).plus(Duration.ofHours(1));
        response(other, 1, customer(insideEmail), inside);
        response(other, 1, customer(outsideEmail), now.minus(Duration.ofDays(10)).minus(Duration.ofHours(1)));

        JsonNode quiet = eligibility(id, insideEmail);
        JsonNode free = eligibility(id, outsideEmail);

        assertThat(quiet.path("eligible").asBoolean()).isFalse();
        assertThat(quiet.path("reason").asText()).isEqualTo("quiet-period");
        assertThat(Instant.parse(quiet.path("nextEligibleAt").asText())).isEqualTo(inside.plus(Duration.ofDays(10)));
        assertThat(free.path("eligible").asBoolean()).isTrue();
        assertThat(free.path("reason").isNull()).isTrue();
        assertThat(free.path("nextEligibleAt").isNull()).isTrue();
    }

    @Test
    void quietPeriodCountsInvitationsToAnySurveyBySendingTimeElseCreation() throws SQLException {
        String other = activeSurvey(30, 1.0);
        String id = activeSurvey(10, 1.0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sentRecently = email();
        String queuedLongAgo = email();
        String queuedRecently = email();
        Instant sentAt = now.minus(Duration.ofDays(2));
        invitation(other, customer(sentRecently), now.minus(Duration.ofDays(20)), sentAt);
        invitation(other, customer(queuedLongAgo), now.minus(Duration.ofDays(20)), null);
        invitation(other, customer(queuedRecently), now.minus(Duration.ofDays(1)), null);

        JsonNode sent = eligibility(id, sentRecently);
        assertThat(sent.path("reason").asText()).isEqualTo("quiet-period");
        assertThat(Instant.parse(sent.path("nextEligibleAt").asText())).isEqualTo(sentAt.plus(Duration.ofDays(10)));
        assertThat(eligibility(id, queuedLongAgo).path("eligible").asBoolean()).isTrue();
        assertThat(eligibility(id, queuedRecently).path("reason").asText()).isEqualTo("quiet-period");
    }

    @Test
    void noQuietPeriodWhenQuietDaysIsZero() throws SQLException {
        String id = activeSurvey(0, 1.0);
        String email = email();
        response(activeSurvey(30, 1.0), 1, customer(email), Instant.now().minus(Duration.ofMinutes(1)));

        assertThat(eligibility(id, email).path("eligible").asBoolean()).isTrue();
    }

    @Test
    void aCustomerIsInvitedAtMostOncePerSurvey() throws SQLException {
        String id = activeSurvey(10, 1.0);
        String email = email();
        invitation(id, customer(email), Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(100)));

        JsonNode again = eligibility(id, email);

        assertThat(again.path("eligible").asBoolean()).isFalse();
        assertThat(again.path("reason").asText()).isEqualTo("already-invited");
        assertThat(again.path("nextEligibleAt").isNull()).isTrue();
    }

    @Test
    void eligibilityCreatesNoCustomer() {
        String id = activeSurvey(30, 1.0);
        String email = email();

        assertThat(eligibility(id, email).path("eligible").asBoolean()).isTrue();

        assertThat(read("/api/v1/customers?identityType=email&identity=" + email).path("items")).isEmpty();
    }

    @Test
    void samplingRateZeroAsksNobodyAndOneAsksEveryone() {
        String none = activeSurvey(30, 0.0);
        String all = activeSurvey(30, 1.0);

        for (int i = 0; i < 50; i++) {
            String email = email();
            JsonNode refused = eligibility(none, email);
            assertThat(refused.path("eligible").asBoolean()).isFalse();
            assertThat(refused.path("reason").asText()).isEqualTo("not-sampled");
            assertThat(eligibility(all, email).path("eligible").asBoolean()).isTrue();
        }
    }

    @Test
    void samplingKeepsAboutTheRateOfCustomersAndTheSameAnswerForTheSameCustomer() {
        String id = activeSurvey(30, 0.5);
        int people = 400;
        List<String> emails = IntStream.range(0, people).mapToObj(i -> email()).toList();

        List<Boolean> first = emails.stream().map(email -> eligibility(id, email).path("eligible").asBoolean()).toList();
        long sampled = first.stream().filter(Boolean::booleanValue).count();

        assertThat(sampled).as("binomial(400, 0.5): 200 +- 4 standard deviations").isBetween(160L, 240L);
        assertThat(emails.subList(0, 50).stream().map(email -> eligibility(id, email.toUpperCase()).path("eligible").asBoolean()).toList())
                .as("the same (normalized) identity, the same answer").isEqualTo(first.subList(0, 50));
    }

    @Test
    void aKnownCustomerIsSampledByIdWhicheverIdentityNamesThem() {
        String id = activeSurvey(30, 0.5);
        List<Boolean> byEmail = new ArrayList<>();
        List<Boolean> byPhone = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String email = email();
            String phone = "+35191" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
            HttpResponse<String> customer = server.adminPost("/api/v1/customers",
                    "{\"identities\":{\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}}");
            assertThat(customer.statusCode()).as(customer.body()).isIn(200, 201);
            byEmail.add(eligibility(id, email).path("eligible").asBoolean());
            HttpResponse<String> response = server.adminPost("/api/v1/surveys/" + id + "/eligibility",
                    "{\"customer\":{\"identities\":{\"phone\":\"" + phone + "\"}}}");
            byPhone.add(json(response).path("eligible").asBoolean());
        }

        assertThat(byPhone).isEqualTo(byEmail);
        assertThat(byEmail).contains(true, false);
    }

    @Test
    void eligibilityNeedsACustomerWithIdentities() {
        String id = activeSurvey(30, 1.0);

        assertThat(problemFields(server.adminPost("/api/v1/surveys/" + id + "/eligibility", "{}"))).containsExactly("customer");
        assertThat(problemFields(server.adminPost("/api/v1/surveys/" + id + "/eligibility",
                "{\"customer\":{\"identities\":{\"email\":\"not-an-email\"}}}"))).containsExactly("customer.identities.email");
    }
}
