package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers of the event, customer and CSV routes that the other ITs do not reach: refused bodies, writes to an
 * erased customer, and requests the document once refused although the handlers take them. Like every answer
 * through {@link TestServer}, each is held to the OpenAPI document ({@link ResponseContract}) on top of what the
 * test asserts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedAnswersIT {

    private static final int MAX_BODY_BYTES = 4096;

    TestServer server;

    @BeforeAll
    void start(@TempDir Path home) {
        server = TestServer.start(home, Map.of("OPENCEM_HTTP_MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES),
                "OPENCEM_IMPORTS_MAX_UPLOAD_BYTES", "1024"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String event(String id, String type, String extra) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"channel\":\"web\",\"touchpoint\":\"checkout\","
                + "\"customer\":{\"identities\":{\"email\":\"" + unique("ana") + "@example.com\"}}" + extra + "}";
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        return server.send(server.admin(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void bodiesOverTheLimitOrOfAnotherMediaTypeAreRefusedWithProblems() {
        String large = event(unique("evt"), "visit", ",\"properties\":{\"note\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}");
        HttpResponse<String> tooLarge = server.adminPost("/api/v1/events", large);
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> text = send("POST", "/api/v1/events", "text/plain", event(unique("evt"), "visit", ""));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> batch = send("POST", "/api/v1/events/batch", "text/plain", "{\"events\":[]}");
        assertThat(batch.statusCode()).isEqualTo(415);
    }

    @Test
    void anEventTypeIsTakenAloneAsInABatch() {
        HttpResponse<String> one = server.adminPost("/api/v1/events", event(unique("evt"), "Order:Placed", ""));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        JsonNode batch = json(server.adminPost("/api/v1/events/batch",
                "{\"events\":[" + event(unique("evt"), "Order:Placed", "") + "]}"));
        assertThat(batch.path("results").get(0).path("status").asText()).isEqualTo("created");
    }

    @Test
    void aBatchItemWithoutAnIdIsRejectedWithoutOne() {
        HttpResponse<String> answer = server.adminPost("/api/v1/events/batch", "{\"events\":[{\"type\":\"visit\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json(answer).path("results").get(0);
        assertThat(result.path("status").asText()).isEqualTo("rejected");
        assertThat(result.has("id")).isFalse();
        assertThat(result.path("errors").findValuesAsText("field")).contains("events[0].id", "events[0].customer");
    }

    @Test
    void writesToAnErasedCustomerAreGoneAndErasingAgainChangesNothing() {
        String id = json(server.adminPost("/api/v1/customers",
                "{\"identities\":{\"email\":\"" + unique("eve") + "@example.com\"}}")).path("id").asText();
        String other = json(server.adminPost("/api/v1/customers",
                "{\"identities\":{\"email\":\"" + unique("fay") + "@example.com\"}}")).path("id").asText();
        String customer = "/api/v1/customers/" + id;

        HttpResponse<String> withParameter = send("DELETE", customer + "?force=true", "application/json", "");
        assertThat(withParameter.statusCode()).isEqualTo(400);
        assertThat(problemFields(withParameter)).containsExactly("force");
        assertThat(send("DELETE", customer, "application/json", "").statusCode()).isEqualTo(204);
        assertThat(send("DELETE", customer, "application/json", "").statusCode()).as("erasing again").isEqualTo(204);

        HttpResponse<String> patch = send("PATCH", customer, "application/json", "{\"attributes\":{\"tier\":\"gold\"}}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(410);
        HttpResponse<String> merge = server.adminPost("/api/v1/customers/" + other + "/merge", "{\"other\":\"" + id + "\"}");
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(410);
        assertThat(server.adminGet("/api/v1/customers/" + other).statusCode()).as("the live one is untouched")
                .isEqualTo(200);
    }

    @Test
    void csvIsImportedUnderEveryMediaTypeTheImportTakes() {
        for (String type : new String[] {"text/csv", "application/csv", "text/plain; charset=utf-8"}) {
            byte[] csv = ("email,tier\n" + unique("gil") + "@example.com,gold\n").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = CustomerCsvIT.importCsv(server, TestServer.ADMIN_TOKEN, "", type, csv);
            assertThat(answer.statusCode()).as(type + " " + answer.body()).isEqualTo(200);
            assertThat(json(answer).path("created").asInt()).as(type).isEqualTo(1);
        }
        byte[] large = ("email\n" + "x@example.com\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertThat(CustomerCsvIT.importCsv(server, TestServer.ADMIN_TOKEN, "", "text/csv", large).statusCode())
                .isEqualTo(413);
    }
}
