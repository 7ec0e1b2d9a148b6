package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAPI document: served without login, valid OpenAPI 3.1, enforced on requests, shown by Swagger UI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {

    private static final String EVENT = "{\"id\":\"evt-1\",\"type\":\"purchase\",\"channel\":\"web\",\"touchpoint\":\"checkout\","
            + "\"occurredAt\":\"2026-11-20T10:15:00Z\",\"customer\":{\"identities\":{\"email\":\"ana@example.com\"}},"
            + "\"value\":{\"amount\":42.50,\"currency\":\"EUR\"},\"properties\":{}}";

    TestServer server;
    String analyst;

    @BeforeAll
    void start(@TempDir Path home) {
        server = TestServer.start(home);
        analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theDocumentIsServedWithoutLoginAndIsValidOpenApi31() throws Exception {
        HttpResponse<String> answer = server.send(server.request("/api/v1/openapi.yaml").GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");

        @SuppressWarnings("unchecked")
        JsonObject document = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(answer.body(), Map.class));
        assertThat(document.getString("openapi")).startsWith("3.1.");
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIVersion version = OpenAPIVersion.fromContract(document);
            OutputUnit result = version.getRepository(vertx, "app://")
                    .compose(repository -> version.validateContract(vertx, repository, document)).await();
            assertThat(result.getValid()).as("valid against the OpenAPI 3.1 schema: %s", result.getErrors()).isTrue();
        } finally {
            vertx.close().await();
        }
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(answer.body()).path("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().path("operationId").asText()).as(path.getKey()).isNotBlank()));
    }

    @Test
    void bodiesBreakingTheDocumentAre400NamingEachField() {
        HttpResponse<String> wrongType = server.adminPost("/api/v1/tokens", "{\"name\":42,\"role\":\"analyst\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("errors").get(0).path("message").asText()).isEqualTo("must be a string");
        assertThat(problemFields(wrongType)).containsExactly("name");

        HttpResponse<String> unknown = server.adminPost("/api/v1/customers",
                "{\"identities\":{\"email\":\"ana@example.com\"},\"tier\":\"gold\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(problemFields(unknown)).containsExactly("tier");
        assertThat(json(unknown).path("detail").asText()).isEqualTo("tier is not a known field");

        HttpResponse<String> missing = server.adminPost("/api/v1/channels", "{\"name\":\"Newsletter\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(problemFields(missing)).containsExactly("type");
        assertThat(json(missing).path("type").asText()).isEqualTo("https://opencem.org/problems/validation");

        HttpResponse<String> several = server.adminPost("/api/v1/users", "{\"email\":\"x\",\"password\":\"short\",\"role\":\"boss\"}");
        assertThat(json(several).path("errors").findValuesAsText("message")).containsExactly(
                "must match ^[^@\\s]+@[^@\\s]+$", "must have at least 12 characters", "must be one of: admin, integrator, analyst");
    }

    @Test
    void anEventBreakingTheDocumentIsRefusedNamingNestedFieldsAsDottedPaths() {
        String bad = EVENT.replace("\"ana@example.com\"", "42").replace("2026-11-20T10:15:00Z", "yesterday")
                .replace("\"purchase\"", "\"Big Purchase\"").replace("\"EUR\"", "\"euro\"").replace("\"properties\":{}", "\"extra\":1");
        HttpResponse<String> answer = server.adminPost("/api/v1/events", bad);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(problemFields(answer)).containsExactlyInAnyOrder("type", "occurredAt", "customer.identities.email",
                "value.currency", "extra");

        String batch = "{\"events\":[" + IntStream.range(0, 1001).mapToObj(i -> EVENT).collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> tooMany = server.adminPost("/api/v1/events/batch", batch);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(problemFields(tooMany)).containsExactly("events");
        assertThat(json(tooMany).path("errors").get(0).path("message").asText()).isEqualTo("must have at most 1000 items");
    }

    @Test
    void queryParametersBreakingTheDocumentAre400NamingTheParameter() {
        HttpResponse<String> zero = server.adminGet("/api/v1/audit?limit=0");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(problemFields(zero)).containsExactly("limit");
        HttpResponse<String> word = server.adminGet("/api/v1/audit?limit=ten&cursor=abc");
        assertThat(problemFields(word)).containsExactly("limit", "cursor");
        assertThat(json(word).path("errors").get(0).path("message").asText()).isEqualTo("must be a whole number");
        HttpResponse<String> kind = server.adminGet("/api/v1/extensions?type=survey");
        assertThat(json(kind).path("errors").get(0).path("message").asText()).isEqualTo("must be one of: channel, metric, question");
        assertThat(server.adminGet("/api/v1/audit?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleTheOperationDoesNotListIsRefusedBeforeItsBodyIsJudged() {
        HttpResponse<String> answer = server.postJson("/api/v1/users", analyst, "{\"email\":42}");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("email");
    }

    @Test
    void requestsTheDocumentDoesNotDescribeAreRefused() {
        assertThat(server.adminGet("/api/v1/no-such-thing").statusCode()).isEqualTo(404);
        assertThat(server.send(server.admin("/api/v1/tokens").PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(405);
        assertThat(server.adminGet("/api/v1/customers/" + UUID.randomUUID() + "/nothing").statusCode()).isEqualTo(404);
        assertThat(server.adminGet("/api/v1/channels/not-an-id").statusCode()).as("no resource has a malformed id").isEqualTo(404);
        HttpResponse<String> text = server.send(server.admin("/api/v1/tokens").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"t\",\"role\":\"analyst\"}")));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(server.adminGet("/api/v1/tokens"))).as("nothing created by refused requests").hasSize(2);
    }

    @Test
    void malformedJsonIsAnsweredAsTheHandlersDo() {
        HttpResponse<String> malformed = server.adminPost("/api/v1/customers", "{\"identities\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("detail").asText()).startsWith("malformed JSON");
        HttpResponse<String> array = server.adminPost("/api/v1/customers", "[1]");
        assertThat(json(array).path("detail").asText()).isEqualTo("the body must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/docs", "/api/docs/"})
    void swaggerUiIsServedWithoutLoginUnderAStrictContentSecurityPolicy(String path) {
        HttpResponse<String> page = server.send(server.request(path).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/opencem-docs.js", "/api/docs/swagger-ui.css")
                .doesNotContainPattern("<script>[^<]");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe");

        Map<String, String> assets = Map.of("/api/docs/swagger-ui-bundle.js", "text/javascript",
                "/api/docs/opencem-docs.js", "text/javascript", "/api/docs/swagger-ui.css", "text/css",
                "/api/docs/favicon-32x32.png", "image/png");
        assets.forEach((asset, type) -> {
            HttpResponse<String> answer = server.send(server.request(asset).GET());
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(asset).startsWith(type);
        });
        assertThat(server.send(server.request("/api/docs/opencem-docs.js").GET()).body()).contains("/api/v1/openapi.yaml");
        assertThat(server.send(server.request("/api/docs/swagger-initializer.js").GET()).statusCode())
                .as("only the WebJar files the page uses are served").isEqualTo(404);
    }
}
