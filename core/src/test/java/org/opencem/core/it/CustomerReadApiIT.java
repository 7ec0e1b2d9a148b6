package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencem.core.customer.CustomerFixtures;
import org.opencem.core.customer.TextColumnScan;

/**
 * The customer reads and GDPR routes over real HTTP: search, counts, timeline, journey, export, erasure,
 * redirects from merged ids, bad parameters and roles. Interactions and responses are written straight into the
 * server's H2 store (their APIs are built elsewhere).
 */
class CustomerReadApiIT {

    private static final Instant T0 = Instant.parse("2025-07-01T09:00:00Z");

    @TempDir
    static Path home;

    private static TestServer server;
    private static String analyst;
    private static String integrator;
    private static TestServer.Store connection;
    private static DSLContext store;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start(home);
        analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
        integrator = json(server.adminPost("/api/v1/tokens", "{\"name\":\"crm\",\"role\":\"integrator\"}")).path("token").asText();
        connection = server.openStore();
        store = connection.dsl();
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        server.close();
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static UUID created(String body) {
        HttpResponse<String> response = server.adminPost("/api/v1/customers", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(json(response).path("id").asText());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> delete(String path, String token) {
        return server.send(server.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void listFindsByNormalizedIdentityByAttributesAndByTextAndPagesWithCursors() {
        String tag = tag();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(created("{\"identities\":{\"email\":\"" + tag + "-" + i + "@example.com\"},"
                    + "\"attributes\":{\"batch\":\"" + tag + "\",\"rank\":" + i + "}}").toString());
        }
        String phone = created("{\"identities\":{\"phone\":\"+1 650-253-0001\"},\"attributes\":{\"batch\":\"other\"}}").toString();

        JsonNode byEmail = ok(server.adminGet("/api/v1/customers?identityType=email&identity="
                + encode("  " + tag.toUpperCase() + "-3@EXAMPLE.com ")));
        JsonNode byPhone = ok(server.adminGet("/api/v1/customers?identityType=phone&identity=" + encode("(650) 253-0001")));
        JsonNode byRank = ok(server.adminGet("/api/v1/customers?attributes.batch=" + tag + "&attributes.rank=2"));
        JsonNode byText = ok(server.adminGet("/api/v1/customers?limit=200&q=" + tag.toUpperCase()));

        assertThat(ids(byEmail)).containsExactly(batch.get(3));
        assertThat(byEmail.has("next")).as("next is null, not absent, on the last page").isTrue();
        assertThat(byEmail.path("next").isNull()).isTrue();
        JsonNode item = byEmail.path("items").get(0);
        assertThat(item.path("identities").path("email").get(0).asText()).isEqualTo(tag + "-3@example.com");
        assertThat(item.path("attributes").path("rank").asInt()).isEqualTo(3);
        assertThat(item.has("counts")).as("list items leave counts out").isFalse();
        assertThat(ids(byPhone)).containsExactly(phone);
        assertThat(ids(byRank)).containsExactly(batch.get(2));
        assertThat(ids(byText)).containsExactlyInAnyOrderElementsOf(batch).doesNotContain(phone);

        List<String> paged = new ArrayList<>();
        String path = "/api/v1/customers?limit=2&attributes.batch=" + tag;
        JsonNode page = ok(server.adminGet(path));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            paged.addAll(ids(page));
            sizes.add(page.path("items").size());
            if (page.path("next").isNull()) {
                break;
            }
            page = ok(server.get(path + "&cursor=" + page.path("next").asText(), analyst));
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(paged).as("oldest first, each once").containsExactlyElementsOf(batch);
    }

    @Test
    void badListParametersAreRefusedNamingEachOne() {
        Map<String, List<String>> cases = Map.of(
                "identityType=email&identity=not-an-email", List.of("identity"),
                "identityType=fax&identity=123", List.of("identityType"),
                "identity=ana@example.com", List.of("identityType"),
                "identityType=email", List.of("identity"),
                "identitytype=email&foo=1", List.of("identitytype", "foo"),
                "limit=201", List.of("limit"),
                "cursor=%21%21", List.of("cursor"),
                "limit=ten", List.of("limit"),
                "cursor=" + encode(java.util.Base64.getUrlEncoder().encodeToString("timeline|x|1|2".getBytes(StandardCharsets.UTF_8))),
                List.of("cursor"),
                "limit=5&limit=6", List.of("limit"));

        for (Map.Entry<String, List<String>> bad : cases.entrySet()) {
            HttpResponse<String> response = server.adminGet("/api/v1/customers?" + bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(problemFields(response)).as(bad.getKey()).containsExactlyInAnyOrderElementsOf(bad.getValue());
        }
    }

    @Test
    void customerViewCountsInteractionsByChannelAndTouchpointAndHasEmptyMetrics() {
        UUID id = created("{\"identities\":{\"email\":\"" + tag() + "@example.com\"}}");
        CustomerFixtures.interaction(store, id, tag(), "web", "checkout", T0);
        CustomerFixtures.interaction(store, id, tag(), "web", "home", T0);
        CustomerFixtures.interaction(store, id, tag(), "store", "checkout", T0);

        JsonNode view = ok(server.get("/api/v1/customers/" + id, analyst));

        assertThat(view.path("counts").path("interactions").asLong()).isEqualTo(3);
        assertThat(view.path("counts").path("byChannel").toString()).isEqualTo("{\"store\":1,\"web\":2}");
        assertThat(view.path("counts").path("byTouchpoint").toString()).isEqualTo("{\"checkout\":2,\"home\":1}");
        assertThat(view.path("metrics").isObject()).isTrue();
        assertThat(view.path("metrics").size()).isZero();
        assertThat(server.adminGet("/api/v1/customers/" + id + "?expand=all").statusCode()).isEqualTo(400);
    }

    @Test
    void timelineIsNewestFirstInCursorPagesAndJourneyCollapsesSteps() {
        UUID id = created("{\"identities\":{\"email\":\"" + tag() + "@example.com\"}}");
        String first = tag();
        CustomerFixtures.interaction(store, id, first, "web", "home", T0);
        CustomerFixtures.interaction(store, id, tag(), "web", "home", T0.plusSeconds(10));
        String last = tag();
        CustomerFixtures.interaction(store, id, last, "store", "lisbon", T0.plusSeconds(20), new BigDecimal("19.90"),
                "{\"sku\":\"X-1\",\"qty\":2}");
        UUID survey = CustomerFixtures.survey(store, T0);
        CustomerFixtures.response(store, survey, id, null, "resp-" + first, T0.plusSeconds(15), Map.of("q1", 8, "q2", "ok"));

        JsonNode page1 = ok(server.get("/api/v1/customers/" + id + "/timeline?limit=2", analyst));
        JsonNode page2 = ok(server.get("/api/v1/customers/" + id + "/timeline?limit=2&cursor=" + page1.path("next").asText(), analyst));
        JsonNode journey = ok(server.get("/api/v1/customers/" + id + "/journey", analyst));

        JsonNode newest = page1.path("items").get(0);
        assertThat(newest.path("kind").asText()).isEqualTo("interaction");
        assertThat(newest.path("id").asText()).isEqualTo(last);
        assertThat(newest.path("type").asText()).isEqualTo("purchase");
        assertThat(newest.path("touchpoint").asText()).isEqualTo("lisbon");
        assertThat(newest.path("value").toString()).isEqualTo("{\"amount\":19.9,\"currency\":\"EUR\"}");
        assertThat(newest.path("properties").path("qty").asInt()).isEqualTo(2);
        assertThat(newest.path("at").asText()).isEqualTo(T0.plusSeconds(20).toString());
        JsonNode response = page1.path("items").get(1);
        assertThat(response.path("kind").asText()).isEqualTo("response");
        assertThat(response.path("id").asText()).isEqualTo("resp-" + first);
        assertThat(response.path("surveyId").asText()).isEqualTo(survey.toString());
        assertThat(response.path("answers").toString()).isEqualTo("{\"q1\":8,\"q2\":\"ok\"}");
        assertThat(page2.path("items")).hasSize(2);
        assertThat(page2.path("items").get(1).path("id").asText()).isEqualTo(first);
        assertThat(page2.path("next").isNull()).isTrue();
        assertThat(journey.path("customerId").asText()).isEqualTo(id.toString());
        assertThat(journey.path("truncated").asBoolean()).isFalse();
        assertThat(journey.path("steps")).hasSize(2);
        assertThat(journey.path("steps").get(0).toString()).isEqualTo("{\"touchpoint\":\"home\",\"channel\":\"web\",\"firstAt\":\""
                + T0 + "\",\"lastAt\":\"" + T0.plusSeconds(10) + "\",\"interactions\":2}");

        HttpResponse<String> unknown = server.adminGet("/api/v1/customers/" + id + "/timeline?limit=2&since=yesterday");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(problemFields(unknown)).containsExactly("since");
        assertThat(problemFields(server.adminGet("/api/v1/customers/" + id + "/journey?limit=5"))).containsExactly("limit");
        assertThat(problemFields(server.adminGet("/api/v1/customers/" + id + "/timeline?cursor=abc"))).containsExactly("cursor");
    }

    @Test
    void aMergeChainRedirectsEveryResourceOfAMergedIdToTheSurvivorsSameResource() {
        String email = tag() + "@example.com";
        String phone = "+351 913 000 222";
        String loyalty = tag();
        UUID idA = created("{\"identities\":{\"email\":\"" + email + "\"}}");
        UUID idB = created("{\"identities\":{\"phone\":\"" + phone + "\"}}");
        UUID idC = created("{\"identities\":{\"loyalty\":\"" + loyalty + "\"}}");
        // C into B (the older survives), then B into A: A <- B <- C.
        ok(server.adminPost("/api/v1/customers", "{\"identities\":{\"phone\":\"" + phone + "\",\"loyalty\":\"" + loyalty + "\"}}"));
        ok(server.adminPost("/api/v1/customers", "{\"identities\":{\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}}"));

        for (String resource : List.of("", "/timeline?limit=5", "/journey", "/export")) {
            HttpResponse<String> redirected = server.adminGet("/api/v1/customers/" + idC + resource);
            assertThat(redirected.statusCode()).as(resource).isEqualTo(308);
            assertThat(redirected.headers().firstValue("Location")).as(resource).contains("/api/v1/customers/" + idA + resource);
        }
        JsonNode timeline = ok(server.adminGet("/api/v1/customers/" + idA + "/timeline"));
        List<String> merges = new ArrayList<>();
        timeline.path("items").forEach(item -> merges.add(item.path("kind").asText() + " " + item.path("mergedId").asText()
                + " into " + item.path("survivorId").asText()));
        assertThat(merges).containsExactly("merge " + idB + " into " + idA, "merge " + idC + " into " + idB);
        assertThat(ids(ok(server.adminGet("/api/v1/customers?q=" + loyalty)))).as("merged customers are never listed")
                .containsExactly(idA.toString());
    }

    @Test
    void exportHoldsEverythingStoredAboutThePersonAsAnAttachmentAndIsAudited() {
        String mail = tag() + "@example.com";
        UUID id = created("{\"identities\":{\"email\":\"" + mail + "\"},\"attributes\":{\"name\":\"Rita\"}}");
        UUID merged = created("{\"identities\":{\"visitor\":\"" + tag() + "\"},\"attributes\":{\"name\":\"R.\",\"city\":\"Faro\"}}");
        ok(server.adminPost("/api/v1/customers/" + merged + "/merge", "{\"other\":\"" + id + "\"}"));
        String event = tag();
        CustomerFixtures.interaction(store, id, event, "web", "checkout", T0, new BigDecimal("5"), "{\"coupon\":\"RITA5\"}");
        UUID survey = CustomerFixtures.survey(store, T0);
        UUID invitation = CustomerFixtures.invitation(store, survey, CustomerFixtures.channel(store, T0), id, T0, null);
        CustomerFixtures.response(store, survey, id, invitation, "resp-" + event, T0, Map.of("q1", 10, "q2", "Great"));

        HttpResponse<String> response = server.get("/api/v1/customers/" + id + "/export", analyst);

        JsonNode export = ok(response);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"customer-" + id + ".json\"");
        assertThat(export.path("customer").path("id").asText()).isEqualTo(id.toString());
        assertThat(export.path("customer").path("attributes").path("city").asText()).isEqualTo("Faro");
        assertThat(export.path("identities")).hasSize(2);
        assertThat(export.path("identities").get(0).path("value").asText()).isEqualTo(mail);
        assertThat(export.path("interactions").get(0).path("id").asText()).isEqualTo(event);
        assertThat(export.path("interactions").get(0).path("properties").path("coupon").asText()).isEqualTo("RITA5");
        JsonNode answers = export.path("responses").get(0).path("answers");
        assertThat(answers.get(0).path("score").asLong()).isEqualTo(10);
        assertThat(answers.get(1).path("text").asText()).isEqualTo("Great");
        assertThat(export.path("invitations").get(0).path("id").asText()).isEqualTo(invitation.toString());
        JsonNode merge = export.path("merges").get(0);
        assertThat(merge.path("mergedId").asText()).isEqualTo(merged.toString());
        assertThat(merge.path("merged").path("attributes").path("name").asText()).as("the merged profile's own stored attributes")
                .isEqualTo("R.");
        HttpResponse<String> audit = server.adminGet("/api/v1/audit?action=customer.export");
        assertThat(audit.body()).contains(id.toString()).doesNotContain(mail, "Rita", "RITA5");
    }

    @Test
    void erasureLeavesNoTraceOfTheEmailOrPhoneAnywhereAndTheSameEmailLaterMakesAFreshCustomer() {
        String mail = tag() + "@example.com";
        String phoneAsSent = "+351 914 555 123";
        String phone = "+351914555123";
        UUID id = created("{\"identities\":{\"email\":\"" + mail.toUpperCase() + "\"},\"attributes\":{\"name\":\"Inês Sousa\"}}");
        UUID merged = created("{\"identities\":{\"phone\":\"" + phoneAsSent + "\"},\"attributes\":{\"contact\":\"" + mail + "\"}}");
        ok(server.adminPost("/api/v1/customers", "{\"identities\":{\"email\":\"" + mail + "\",\"phone\":\"" + phoneAsSent + "\"}}"));
        CustomerFixtures.interaction(store, id, "order-" + mail, "web", "checkout", T0, new BigDecimal("12.00"),
                "{\"phone\":\"" + phoneAsSent + "\"}");
        UUID survey = CustomerFixtures.survey(store, T0);
        CustomerFixtures.response(store, survey, id, null, "resp-" + phone, T0, Map.of("q1", 3, "q2", "mail me at " + mail));
        ok(server.adminGet("/api/v1/customers/" + id + "/export"));
        assertThat(TextColumnScan.columnsContaining(store, mail)).isNotEmpty();

        assertThat(delete("/api/v1/customers/" + id, analyst).statusCode()).isEqualTo(403);
        assertThat(delete("/api/v1/customers/" + id, integrator).statusCode()).isEqualTo(403);
        HttpResponse<String> erased = delete("/api/v1/customers/" + merged, TestServer.ADMIN_TOKEN);

        assertThat(erased.statusCode()).as("a merged id erases its survivor: " + erased.body()).isEqualTo(204);
        for (String needle : List.of(mail, phone, phoneAsSent)) {
            assertThat(TextColumnScan.columnsContaining(store, needle)).as(needle).isEmpty();
        }
        for (String resource : List.of("", "/timeline", "/journey", "/export")) {
            HttpResponse<String> gone = server.adminGet("/api/v1/customers/" + id + resource);
            assertThat(gone.statusCode()).as(resource).isEqualTo(410);
            assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        }
        assertThat(server.adminGet("/api/v1/customers/" + merged).statusCode()).isEqualTo(410);
        assertThat(ok(server.adminGet("/api/v1/customers?identityType=email&identity=" + mail)).path("items")).isEmpty();
        assertThat(delete("/api/v1/customers/" + id, TestServer.ADMIN_TOKEN).statusCode()).as("again: nothing left to do").isEqualTo(204);
        assertThat(delete("/api/v1/customers/" + UUID.randomUUID(), TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        List<String> audit = new ArrayList<>();
        ok(server.adminGet("/api/v1/audit?action=customer.erase")).path("items").forEach(entry -> {
            if (entry.path("target").asText().equals(id.toString())) {
                audit.add(entry.path("detail").asText());
            }
        });
        assertThat(audit).as("one erasure recorded, with the id only").containsExactly("");

        UUID fresh = created("{\"identities\":{\"email\":\"" + mail + "\"}}");
        assertThat(fresh).isNotIn(id, merged);
        assertThat(ok(server.adminGet("/api/v1/customers/" + fresh)).path("counts").path("interactions").asLong()).isZero();
    }

    @Test
    void readRolesReadEveryResourceAndUnknownIdsAnswer404() {
        UUID id = created("{\"identities\":{\"email\":\"" + tag() + "@example.com\"}}");
        for (String token : List.of(analyst, integrator)) {
            for (String resource : List.of("", "/timeline", "/journey", "/export")) {
                assertThat(server.get("/api/v1/customers/" + id + resource, token).statusCode()).as(resource).isEqualTo(200);
            }
            assertThat(server.get("/api/v1/customers?limit=1", token).statusCode()).isEqualTo(200);
        }
        for (String unknown : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            for (String resource : List.of("/timeline", "/journey", "/export")) {
                assertThat(server.adminGet("/api/v1/customers/" + unknown + resource).statusCode()).as(resource).isEqualTo(404);
            }
        }
        assertThat(server.send(server.request("/api/v1/customers").GET()).statusCode()).isEqualTo(401);
        assertThat(server.send(server.request("/api/v1/customers/" + id).DELETE()).statusCode()).isEqualTo(401);
        assertThat(server.send(server.admin("/api/v1/customers/" + id).method("DELETE", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).as("admins erase").isEqualTo(204);
    }
}
