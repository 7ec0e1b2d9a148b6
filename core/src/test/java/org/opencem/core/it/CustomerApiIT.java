package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The customer API over real HTTP: upsert by identities, merges, attributes, bad input and roles. */
class CustomerApiIT {

    @TempDir
    static Path home;

    private static TestServer server;
    private static String analyst;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
        analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static HttpResponse<String> upsert(String json) {
        return server.adminPost("/api/v1/customers", json);
    }

    private static HttpResponse<String> patch(String id, String json) {
        return server.send(server.admin("/api/v1/customers/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String created(String identities) {
        HttpResponse<String> response = upsert("{\"identities\":" + identities + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asText();
    }

    private static JsonNode customer(String id) {
        HttpResponse<String> response = server.adminGet("/api/v1/customers/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void newIdentitiesCreateACustomerWithNormalizedIdentitiesAndAttributes() {
        String email = unique("Ana");
        HttpResponse<String> response = upsert("{\"identities\":{\"email\":\"  " + email.toUpperCase() + " \","
                + "\"phone\":\"(650) 253-0000\"},\"attributes\":{\"tier\":\"gold\",\"visits\":3}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.path("identities").path("email").get(0).asText()).isEqualTo(email.toLowerCase());
        assertThat(body.path("identities").path("phone").get(0).asText())
                .as("national numbers take the default region, US").isEqualTo("+16502530000");
        assertThat(body.path("attributes").path("tier").asText()).isEqualTo("gold");
        assertThat(body.path("attributes").path("visits").asInt()).isEqualTo(3);
        assertThat(body.path("firstSeen").asText()).isNotEmpty();
        assertThat(body.path("lastSeen").asText()).isNotEmpty();
        assertThat(body.path("createdAt").asText()).isNotEmpty();
        assertThat(customer(body.path("id").asText())).isEqualTo(body);
    }

    @Test
    void sameIdentitiesAgainFindTheSameCustomerAndCreateNothing() {
        String email = unique("bruno");
        String id = created("{\"email\":\"" + email + "\"}");

        HttpResponse<String> again = upsert("{\"identities\":{\"email\":\"" + email + "\"}}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("id").asText()).isEqualTo(id);
        assertThat(json(again).path("identities").path("email")).hasSize(1);
        assertThat(json(again).path("identities").size()).isEqualTo(1);
    }

    @Test
    void aNewIdentityNamedWithAKnownOneIsAddedToThatCustomer() {
        String email = unique("carla");
        String id = created("{\"email\":\"" + email + "\"}");

        HttpResponse<String> added = upsert("{\"identities\":{\"email\":\"" + email + "\",\"phone\":\"+351 912 345 678\","
                + "\"external:crm\":\"C-1\"}}");

        assertThat(added.statusCode()).isEqualTo(200);
        JsonNode view = customer(id);
        assertThat(view.path("identities").path("phone").get(0).asText()).isEqualTo("+351912345678");
        assertThat(view.path("identities").path("external:crm").get(0).asText()).isEqualTo("C-1");
        assertThat(view.path("identities").path("email").get(0).asText()).isEqualTo(email);
    }

    @Test
    void aRequestNamingTwoCustomersMergesThemIntoTheOlderAndTheOtherIdRedirects() {
        String email = unique("dora");
        String older = created("{\"email\":\"" + email + "\"}");
        String newer = created("{\"loyalty\":\"L-" + UUID.randomUUID() + "\"}");
        String loyalty = customer(newer).path("identities").path("loyalty").get(0).asText();
        patch(newer, "{\"attributes\":{\"store\":\"lisbon\"}}");

        HttpResponse<String> both = upsert("{\"identities\":{\"loyalty\":\"" + loyalty + "\",\"email\":\"" + email + "\"}}");

        assertThat(both.statusCode()).isEqualTo(200);
        assertThat(json(both).path("id").asText()).as("the older profile survives").isEqualTo(older);
        assertThat(json(both).path("identities").path("loyalty").get(0).asText()).isEqualTo(loyalty);
        assertThat(json(both).path("attributes").path("store").asText()).as("the merged one's attributes move").isEqualTo("lisbon");
        HttpResponse<String> old = server.adminGet("/api/v1/customers/" + newer);
        assertThat(old.statusCode()).isEqualTo(308);
        assertThat(old.headers().firstValue("Location")).contains("/api/v1/customers/" + older);
        assertThat(json(old).path("id").asText()).isEqualTo(older);
        HttpResponse<String> audit = server.adminGet("/api/v1/audit?action=customer.merge");
        assertThat(audit.body()).contains(newer).doesNotContain(email, loyalty);
    }

    @Test
    void manualMergeKeepsTheOlderAndRefusesSelfAndUnknownIds() {
        String older = created("{\"email\":\"" + unique("eva") + "\"}");
        String newer = created("{\"email\":\"" + unique("eva2") + "\"}");

        HttpResponse<String> merged = server.adminPost("/api/v1/customers/" + newer + "/merge", "{\"other\":\"" + older + "\"}");

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(json(merged).path("id").asText()).isEqualTo(older);
        assertThat(json(merged).path("identities").path("email")).hasSize(2);
        assertThat(server.adminGet("/api/v1/customers/" + newer).statusCode()).isEqualTo(308);
        HttpResponse<String> again = server.adminPost("/api/v1/customers/" + older + "/merge", "{\"other\":\"" + newer + "\"}");
        assertThat(again.statusCode()).as("merging what is already one customer changes nothing").isEqualTo(200);
        assertThat(json(again).path("id").asText()).isEqualTo(older);

        HttpResponse<String> self = server.adminPost("/api/v1/customers/" + older + "/merge", "{\"other\":\"" + older + "\"}");
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(problemFields(self)).containsExactly("other");
        assertThat(server.adminPost("/api/v1/customers/" + older + "/merge", "{\"other\":\"" + UUID.randomUUID() + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(server.adminPost("/api/v1/customers/" + UUID.randomUUID() + "/merge", "{\"other\":\"" + older + "\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> notAnId = server.adminPost("/api/v1/customers/" + older + "/merge", "{\"other\":\"nope\"}");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(problemFields(notAnId)).containsExactly("other");
    }

    @Test
    void patchSetsAndRemovesAttributeKeysAndKeepsTheOthers() {
        HttpResponse<String> first = upsert("{\"identities\":{\"email\":\"" + unique("filipa") + "\"},"
                + "\"attributes\":{\"tier\":\"silver\",\"city\":\"Porto\",\"vip\":true}}");
        String id = json(first).path("id").asText();

        HttpResponse<String> patched = patch(id, "{\"attributes\":{\"tier\":\"gold\",\"city\":null,\"name\":\"Łódź Müller\"}}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode attributes = customer(id).path("attributes");
        assertThat(attributes.path("tier").asText()).isEqualTo("gold");
        assertThat(attributes.has("city")).isFalse();
        assertThat(attributes.path("vip").asBoolean()).isTrue();
        assertThat(attributes.path("name").asText()).isEqualTo("Łódź Müller");
        assertThat(json(patched)).isEqualTo(customer(id));
    }

    @Test
    void badIdentitiesAreRefusedNamingTheFieldAndStoreNothing() {
        String email = unique("gil");
        String id = created("{\"email\":\"" + email + "\"}");
        JsonNode before = customer(id);
        String fresh = unique("hugo");

        HttpResponse<String> badPhone = upsert("{\"identities\":{\"email\":\"" + email + "\",\"phone\":\"12\"},"
                + "\"attributes\":{\"tier\":\"gold\"}}");
        HttpResponse<String> badEmail = upsert("{\"identities\":{\"email\":\"not-an-email\",\"visitor\":\"v-1\"}}");
        HttpResponse<String> unknownType = upsert("{\"identities\":{\"fax\":\"123\",\"email\":\"" + fresh + "\"}}");
        HttpResponse<String> notText = upsert("{\"identities\":{\"email\":42}}");
        HttpResponse<String> none = upsert("{\"identities\":{}}");

        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(problemFields(badPhone)).containsExactly("identities.phone");
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(problemFields(badEmail)).containsExactly("identities.email");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(problemFields(unknownType)).containsExactly("identities.fax");
        assertThat(problemFields(notText)).containsExactly("identities.email");
        assertThat(problemFields(none)).containsExactly("identities");
        assertThat(customer(id)).as("the known customer is unchanged").isEqualTo(before);
        assertThat(upsert("{\"identities\":{\"email\":\"" + fresh + "\"}}").statusCode())
                .as("the refused request's good identity was not stored").isEqualTo(201);
        assertThat(upsert("{\"identities\":{\"visitor\":\"v-1\"}}").statusCode()).isEqualTo(201);
    }

    @Test
    void badAttributesAreRefusedNamingAttributesAndStoreNothing() {
        String email = unique("ines");
        String id = created("{\"email\":\"" + email + "\"}");
        JsonNode before = customer(id);
        String many = IntStream.range(0, 101).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",", "{", "}"));

        List<HttpResponse<String>> refused = List.of(
                upsert("{\"identities\":{\"email\":\"" + email + "\"},\"attributes\":[1,2]}"),
                upsert("{\"identities\":{\"email\":\"" + email + "\"},\"attributes\":" + many + "}"),
                patch(id, "{\"attributes\":\"tier=gold\"}"),
                patch(id, "{\"attributes\":" + many + "}"),
                patch(id, "{}"));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(problemFields(response)).containsExactly("attributes");
        }
        assertThat(customer(id)).isEqualTo(before);
        String hundred = IntStream.range(0, 100).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",", "{", "}"));
        assertThat(patch(id, "{\"attributes\":" + hundred + "}").statusCode()).isEqualTo(200);
        HttpResponse<String> oneMore = patch(id, "{\"attributes\":{\"extra\":1}}");
        assertThat(oneMore.statusCode()).as("a customer keeps at most 100 keys").isEqualTo(400);
        assertThat(problemFields(oneMore)).containsExactly("attributes");
        assertThat(patch(id, "{\"attributes\":{\"extra\":1,\"k0\":null}}").statusCode()).isEqualTo(200);
    }

    @Test
    void analystReadsCustomersButCannotWriteThem() {
        String id = created("{\"email\":\"" + unique("joao") + "\"}");

        assertThat(server.get("/api/v1/customers/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/customers", analyst, "{\"identities\":{\"email\":\"" + unique("x") + "\"}}")
                .statusCode()).isEqualTo(403);
        assertThat(server.send(server.request("/api/v1/customers/" + id).header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"attributes\":{\"a\":1}}"))).statusCode())
                .isEqualTo(403);
        assertThat(server.postJson("/api/v1/customers/" + id + "/merge", analyst, "{\"other\":\"" + UUID.randomUUID() + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(customer(id).path("attributes").size()).isZero();
    }

    @Test
    void unknownOrMalformedIdsAnswer404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            HttpResponse<String> get = server.adminGet("/api/v1/customers/" + id);
            assertThat(get.statusCode()).isEqualTo(404);
            assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(patch(id, "{\"attributes\":{\"a\":1}}").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void customerWritesAreAuditedWithoutPersonalData() {
        String email = unique("karla");
        String id = created("{\"email\":\"" + email + "\",\"phone\":\"+351 913 000 111\"}");
        patch(id, "{\"attributes\":{\"name\":\"Karla Sousa\"}}");

        HttpResponse<String> audit = server.adminGet("/api/v1/audit?limit=500");

        assertThat(audit.body()).contains(id, "customer.create", "customer.update", "email,phone")
                .doesNotContain(email, "+351913000111", "Karla Sousa");
    }
}
