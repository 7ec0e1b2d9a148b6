package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/responses} and {@code GET /api/v1/exports/responses.csv} over real HTTP: every filter, keyset
 * paging, and the CSV's rows and quoting. One survey gets a fixed set of responses at known times; every check
 * filters on that survey, so other surveys' responses never interfere.
 */
class ResponseListIT {

    private static final String QUESTIONS = "[{\"id\":\"q1\",\"type\":\"nps\"},{\"id\":\"q2\",\"type\":\"text\"}]";

    @TempDir
    static Path home;

    private static TestServer server;
    private static String survey;
    private static String other;
    private static String customer;

    /** The fixture's responses, by key: time, channel, touchpoint, answers. */
    private static final List<String[]> FIXTURE = List.of(
            new String[] {"a", "2026-03-01T08:00:00Z", "web", "checkout", "{\"q1\":10,\"q2\":\"Great\"}"},
            new String[] {"b", "2026-03-01T20:00:00Z", "web", "home", "{\"q1\":3}"},
            new String[] {"c", "2026-03-02T10:00:00Z", "store", "checkout", "{\"q1\":7,\"q2\":\"=HYPERLINK(\\\"x\\\")\"}"},
            new String[] {"d", "2026-03-03T10:00:00Z", "store", "lisbon", "{\"q1\":9}"},
            new String[] {"e", "2026-03-04T10:00:00Z", "web", "checkout", "{\"q1\":0,\"q2\":\"Never again, really\"}"});

    @BeforeAll
    static void start() {
        server = TestServer.start(home, "opencem-metric-nps");
        survey = ResponseApiIT.activeSurvey(server, QUESTIONS);
        other = ResponseApiIT.activeSurvey(server, QUESTIONS);
        for (String[] r : FIXTURE) {
            String body = ResponseApiIT.response(key(r[0]), r[0].equals("a") ? "list-" + survey + "@example.com" : null,
                    r[4], ",\"occurredAt\":\"" + r[1] + "\"").replace("\"web\"", "\"" + r[2] + "\"")
                    .replace("\"checkout\"", "\"" + r[3] + "\"");
            HttpResponse<String> answer = server.adminPost("/api/v1/surveys/" + survey + "/responses", body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            if (r[0].equals("a")) {
                customer = json(answer).path("customerId").asText();
            }
        }
        HttpResponse<String> elsewhere = server.adminPost("/api/v1/surveys/" + other + "/responses",
                ResponseApiIT.response(key("z"), null, "{\"q1\":5}", ",\"occurredAt\":\"2026-03-02T00:00:00Z\""));
        assertThat(elsewhere.statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String key(String name) {
        return name + "-" + survey;
    }

    /** @return the fixture names of the responses listed (every page), in order */
    private static List<String> listed(String filters) {
        List<String> names = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> answer = server.adminGet("/api/v1/responses?survey=" + survey + filters
                    + (next == null ? "" : "&cursor=" + next));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode page = json(answer);
            page.path("items").forEach(item -> names.add(item.path("id").asText().replace("-" + survey, "")));
            next = page.path("next").isNull() ? null : page.path("next").asText();
        } while (next != null);
        return names;
    }

    @Test
    void responsesAreListedNewestFirstWithTheirAnswers() {
        JsonNode page = json(server.adminGet("/api/v1/responses?survey=" + survey));

        assertThat(listed("")).containsExactly("e", "d", "c", "b", "a");
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("surveyId").asText()).isEqualTo(survey);
        assertThat(newest.path("surveyVersion").asInt()).isEqualTo(1);
        assertThat(newest.path("customerId").isNull()).isTrue();
        assertThat(newest.path("channel").asText()).isEqualTo("web");
        assertThat(newest.path("touchpoint").asText()).isEqualTo("checkout");
        assertThat(newest.path("locale").asText()).isEqualTo("en");
        assertThat(newest.path("occurredAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(newest.path("completedAt").asText()).isEqualTo("2026-03-04T10:00:00Z");
        assertThat(newest.path("answers").path("q1").asInt()).isZero();
        assertThat(newest.path("answers").path("q2").asText()).isEqualTo("Never again, really");
        JsonNode partial = page.path("items").get(3);
        assertThat(partial.path("completedAt").isNull()).as("b answered q1 only").isTrue();
        assertThat(page.path("items").get(4).path("customerId").asText()).isEqualTo(customer);
        assertThat(page.path("next").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() {
        List<String> names = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = json(server.adminGet("/api/v1/responses?survey=" + survey + "&limit=2"
                    + (next == null ? "" : "&cursor=" + next)));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items").forEach(item -> names.add(item.path("id").asText().replace("-" + survey, "")));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null);

        assertThat(names).containsExactly("e", "d", "c", "b", "a");
        assertThat(pages).isEqualTo(3);
        assertThat(problemFields(server.adminGet("/api/v1/responses?cursor=bm90LWEtY3Vyc29y"))).containsExactly("cursor");
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertThat(listed("&channel=store")).containsExactly("d", "c");
        assertThat(listed("&touchpoint=checkout")).containsExactly("e", "c", "a");
        assertThat(listed("&channel=web&touchpoint=checkout")).containsExactly("e", "a");
        assertThat(listed("&from=2026-03-02")).as("a date is the day's start").containsExactly("e", "d", "c");
        assertThat(listed("&to=2026-03-02")).as("a date includes the whole day").containsExactly("c", "b", "a");
        assertThat(listed("&from=2026-03-01T20:00:00Z&to=2026-03-03T10:00:00Z")).as("to excluded").containsExactly("c", "b");
        assertThat(listed("&minScore=7")).containsExactly("d", "c", "a");
        assertThat(listed("&maxScore=6")).containsExactly("e", "b");
        assertThat(listed("&minScore=7&maxScore=9")).containsExactly("d", "c");
        assertThat(listed("&question=q2")).containsExactly("e", "c", "a");
        assertThat(listed("&question=q2&minScore=1")).as("q2 has no score").isEmpty();
        assertThat(listed("&question=q1&minScore=9")).containsExactly("d", "a");
        assertThat(listed("&hasComment=true")).containsExactly("e", "c", "a");
        assertThat(listed("&hasComment=false")).containsExactly("d", "b");
        assertThat(listed("&hasComment=true&channel=web&maxScore=5")).containsExactly("e");

        List<String> everySurvey = new ArrayList<>();
        json(server.adminGet("/api/v1/responses?from=2026-03-02&to=2026-03-02&limit=200")).path("items")
                .forEach(item -> everySurvey.add(item.path("id").asText()));
        assertThat(everySurvey).as("without a survey filter").containsExactly(key("c"), "z-" + survey);
    }

    @Test
    void badFiltersAreRefusedNamingEachParameter() {
        assertThat(problemFields(server.adminGet("/api/v1/responses?from=yesterday"))).containsExactly("from");
        assertThat(problemFields(server.adminGet("/api/v1/responses?from=2026-03-05&to=2026-03-01"))).containsExactly("from");
        assertThat(problemFields(server.adminGet("/api/v1/responses?minScore=9&maxScore=2"))).containsExactly("minScore");
        assertThat(problemFields(server.adminGet("/api/v1/responses?score=9"))).containsExactly("score");
        assertThat(server.adminGet("/api/v1/responses?survey=not-a-survey").statusCode()).isEqualTo(400);
    }

    @Test
    void theCsvExportHasOneQuotedRowPerAnswer() throws Exception {
        HttpResponse<String> export = server.adminGet("/api/v1/exports/responses.csv?survey=" + survey + "&channel=store");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"responses.csv\"");
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(export.body())) {
            reader.forEach(record -> rows.add(record.getFields()));
        }
        assertThat(rows.get(0)).containsExactly("id", "response_id", "survey_id", "survey_version", "customer_id", "channel",
                "touchpoint", "locale", "occurred_at", "completed_at", "question_id", "question_type", "score", "text");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly(key("d"), rows.get(1).get(1), survey, "1", "", "store", "lisbon", "en",
                "2026-03-03T10:00:00Z", "", "q1", "nps", "9", "");
        assertThat(rows.get(2).subList(10, 14)).containsExactly("q1", "nps", "7", "");
        assertThat(rows.get(3).subList(10, 14)).as("a formula is quoted").containsExactly("q2", "text", "", "'=HYPERLINK(\"x\")");
        assertThat(rows.get(3).get(9)).as("c was complete").isEqualTo("2026-03-02T10:00:00Z");
        assertThat(UUID.fromString(rows.get(2).get(1))).isNotNull();
    }

    @Test
    void theExportWithAKnownCustomerNamesIt() throws Exception {
        HttpResponse<String> export = server.adminGet("/api/v1/exports/responses.csv?survey=" + survey
                + "&to=2026-03-01T12:00:00Z");
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(export.body())) {
            reader.forEach(record -> rows.add(record.getFields()));
        }

        assertThat(rows).hasSize(3);
        assertThat(rows.subList(1, 3)).allSatisfy(row -> {
            assertThat(row.get(0)).isEqualTo(key("a"));
            assertThat(row.get(4)).isEqualTo(customer);
        });
        assertThat(rows.get(2).get(13)).isEqualTo("Great");
        assertThat(problemFields(server.adminGet("/api/v1/exports/responses.csv?limit=2"))).containsExactly("limit");
    }
}
