package org.opencem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.it.JsonAssertions.json;
import static org.opencem.core.it.JsonAssertions.problemFields;
import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.TOUCHPOINT;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/events} and {@code /events/batch} over real HTTP on the H2 file store: idempotency, merges
 * through events, concurrent creators and resends, per-item batch answers and bad input (on PostgreSQL too, in
 * the build's second failsafe run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventIngestIT {

    private Path home;
    private TestServer server;


    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("opencem-events");
        server = TestServer.start(home);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String event(String id, String identities, String extra) {
        return "{\"id\":\"" + id + "\",\"type\":\"purchase\",\"channel\":\"web\",\"touchpoint\":\"checkout\","
                + "\"occurredAt\":\"2026-11-20T10:15:00Z\",\"customer\":{\"identities\":" + identities + "}" + extra + "}";
    }

    private static String email(String name) {
        return "{\"email\":\"" + name + "@example.com\"}";
    }

    private HttpResponse<String> post(String json) {
        return server.adminPost("/api/v1/events", json);
    }

    /** Reads the running server's store over a connection of the test's own. */
    private <T> T stored(Function<DSLContext, T> query) {
        try (TestServer.Store store = server.openStore()) {
            return query.apply(store.dsl());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return how many rows of the table match in the server's store */
    private int stored(Table<?> table, Condition condition) {
        return this.<Integer>stored(dsl -> dsl.fetchCount(table, condition));
    }

    @Test
    void anEventIsStoredForTheCustomerItsIdentitiesName() {
        String name = unique("ana");
        HttpResponse<String> created = post(event(unique("evt"), "{\"email\":\" " + name.toUpperCase() + "@Example.com \"}",
                ",\"value\":{\"amount\":42.50,\"currency\":\"EUR\"},\"properties\":{\"sku\":\"A-1\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String customerId = json(created).path("customerId").asText();
        assertThat(json(created).path("status").asText()).isEqualTo("created");

        JsonNode customer = json(server.adminGet("/api/v1/customers/" + customerId));
        assertThat(customer.path("identities").path("email").get(0).asText()).isEqualTo(name + "@example.com");
        assertThat(customer.path("lastSeen").asText()).isEqualTo("2026-11-20T10:15:00Z");

        HttpResponse<String> again = post(event(unique("evt"), email(name), ""));
        assertThat(json(again).path("customerId").asText()).as("the same email names the same customer").isEqualTo(customerId);
    }

    @Test
    void replayedEventIdStoresNothingNewAndAnswersTheFirstResult() {
        String id = unique("evt");
        String body = event(id, email(unique("bo")), ",\"properties\":{\"a\":1,\"b\":[1,2]}");
        HttpResponse<String> first = post(body);
        assertThat(first.statusCode()).isEqualTo(201);
        // The same event with members in another order and other spacing is the same event.
        String reordered = body.replace("{\"a\":1,\"b\":[1,2]}", "{ \"b\" : [1, 2], \"a\" : 1 }");
        HttpResponse<String> resend = post(reordered);
        assertThat(resend.statusCode()).as(resend.body()).isEqualTo(200);
        assertThat(json(resend).path("status").asText()).isEqualTo("duplicate");
        assertThat(json(resend).path("customerId").asText()).isEqualTo(json(first).path("customerId").asText());

        HttpResponse<String> different = post(body.replace("\"purchase\"", "\"visit\""));
        assertThat(different.statusCode()).as(different.body()).isEqualTo(409);
        assertThat(json(different).path("detail").asText()).contains(id);

        assertThat(stored(INTERACTION, INTERACTION.EVENT_ID.eq(id))).isEqualTo(1);
        assertThat(this.<String>stored(dsl -> dsl.fetchValue(INTERACTION.EVENT_TYPE, INTERACTION.EVENT_ID.eq(id))))
                .isEqualTo("purchase");
    }

    @Test
    void thirtyTwoConcurrentResendsOfOneIdStoreOneEvent() throws Exception {
        String id = unique("evt");
        String body = event(id, email(unique("cy")), "");
        List<HttpResponse<String>> answers = Concurrently.run(32, i -> post(body));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 201);
        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(1);
        assertThat(answers.stream().map(a -> json(a).path("customerId").asText()).distinct()).hasSize(1);
        assertThat(stored(INTERACTION, INTERACTION.EVENT_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void concurrentEventsNamingOneNewIdentityMakeOneCustomer() throws Exception {
        String name = unique("dee");
        List<HttpResponse<String>> answers = Concurrently.run(24, i -> post(event(unique("evt"), email(name), "")));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(answers.stream().map(a -> json(a).path("customerId").asText()).distinct()).hasSize(1);
        assertThat(stored(CUSTOMER_IDENTITY, CUSTOMER_IDENTITY.ID_VALUE.eq(name + "@example.com")))
                .isEqualTo(1);
    }

    @Test
    void anEventNamingTwoCustomersMergesThemIntoTheOlderAndLaterEventsFollow() {
        String email = unique("eve") + "@example.com";
        String card = unique("card");
        String older = json(post(event(unique("evt"), "{\"email\":\"" + email + "\"}", ""))).path("customerId").asText();
        String newer = json(post(event(unique("evt"), "{\"loyalty\":\"" + card + "\"}", ""))).path("customerId").asText();
        assertThat(newer).isNotEqualTo(older);

        HttpResponse<String> both = post(event(unique("evt"), "{\"email\":\"" + email + "\",\"loyalty\":\"" + card + "\"}", ""));
        assertThat(json(both).path("customerId").asText()).isEqualTo(older);
        HttpResponse<String> later = post(event(unique("evt"), "{\"loyalty\":\"" + card + "\"}", ""));
        assertThat(json(later).path("customerId").asText()).isEqualTo(older);
        assertThat(server.adminGet("/api/v1/customers/" + newer).statusCode()).isEqualTo(308);

        UUID olderId = UUID.fromString(older);
        assertThat(stored(INTERACTION, INTERACTION.CUSTOMER_ID.eq(olderId)))
                .as("the newer profile's interaction moved to the survivor").isEqualTo(4);
    }

    @Test
    void aBatchStoresItsGoodItemsAndAnswersEachItem() {
        String name = unique("fay");
        String good1 = event(unique("evt"), email(name), "");
        String repeated = event(unique("evt"), email(name), "");
        String bad = event(unique("evt"), "{\"email\":\"not-an-email\"}", "");
        String batch = "{\"events\":[" + good1 + "," + bad + "," + repeated + "," + repeated + "]}";
        HttpResponse<String> answer = server.adminPost("/api/v1/events/batch", batch);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("duplicates").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        List<String> statuses = new ArrayList<>();
        body.path("results").forEach(r -> statuses.add(r.path("status").asText()));
        assertThat(statuses).containsExactly("created", "rejected", "created", "duplicate");
        assertThat(body.path("results").get(1).path("errors").get(0).path("field").asText())
                .isEqualTo("events[1].customer.identities.email");

        HttpResponse<String> resent = server.adminPost("/api/v1/events/batch", batch);
        assertThat(json(resent).path("accepted").asInt()).as("a resent batch stores nothing new").isZero();
        assertThat(json(resent).path("duplicates").asInt()).isEqualTo(3);

        HttpResponse<String> notAnEvent = server.adminPost("/api/v1/events/batch", "{\"events\":[" + good1 + ",42]}");
        assertThat(notAnEvent.statusCode()).as("an item that is not even an object is a malformed batch").isEqualTo(400);
        assertThat(problemFields(notAnEvent)).containsExactly("events[1]");
    }

    @Test
    void newCustomersOfABatchAreCreatedOnceAndItemsNamingTwoOfThemMergeThem() {
        String email = "{\"email\":\"" + unique("ivy") + "@example.com\"}";
        String card = "{\"loyalty\":\"" + unique("card") + "\"}";
        String both = "{" + email.substring(1, email.length() - 1) + "," + card.substring(1);
        String batch = "{\"events\":[" + String.join(",", event(unique("evt"), email, ""), event(unique("evt"), email, ""),
                event(unique("evt"), card, ""), event(unique("evt"), both, ""), event(unique("evt"), card, "")) + "]}";
        JsonNode answer = json(server.adminPost("/api/v1/events/batch", batch));
        assertThat(answer.path("accepted").asInt()).as(answer.toString()).isEqualTo(5);
        List<String> customers = new ArrayList<>();
        answer.path("results").forEach(r -> customers.add(r.path("customerId").asText()));
        assertThat(customers).as("every item names the survivor of the merge").containsOnly(customers.get(0));
        JsonNode customer = json(server.adminGet("/api/v1/customers/" + customers.get(0)));
        assertThat(customer.path("identities").has("email")).isTrue();
        assertThat(customer.path("identities").has("loyalty")).isTrue();
    }

    @Test
    void aBatchOverOneThousandItemsIsRefusedWhole() {
        String items = IntStream.range(0, 1001).mapToObj(i -> event("too-many-" + i, email("x" + i), ""))
                .collect(Collectors.joining(","));
        HttpResponse<String> answer = server.adminPost("/api/v1/events/batch", "{\"events\":[" + items + "]}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(problemFields(answer)).containsExactly("events");
        assertThat(stored(INTERACTION, INTERACTION.EVENT_ID.like("too-many-%"))).isZero();
    }

    @Test
    void badEventsAreRefusedNamingEveryBadFieldAndStoreNothing() {
        String id = unique("evt");
        String future = Instant.now().plus(3, ChronoUnit.DAYS).toString();
        // What the OpenAPI document says (shapes) is checked first, naming every field it can tell is bad...
        HttpResponse<String> shapes = post("{\"id\":\"" + id + "\",\"type\":\"purchase\",\"channel\":\"web\","
                + "\"touchpoint\":\"checkout\",\"customer\":{\"identities\":{\"email\":\"a@example.com\"}},"
                + "\"value\":{\"amount\":1,\"currency\":\"euro\"},\"colour\":1}");
        assertThat(shapes.statusCode()).as(shapes.body()).isEqualTo(400);
        assertThat(shapes.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(problemFields(shapes)).containsExactlyInAnyOrder("colour", "value.currency");
        // ... then what only the server knows (time, identity types and formats, amounts), every field at once.
        HttpResponse<String> meaning = post("{\"id\":\"" + id + "\",\"type\":\"purchase\",\"channel\":\"web\","
                + "\"touchpoint\":\"checkout\",\"occurredAt\":\"" + future + "\",\"customer\":{\"identities\":"
                + "{\"shoe-size\":\"42\",\"phone\":\"12\"}},\"value\":{\"amount\":1.23456,\"currency\":\"EUR\"}}");
        assertThat(meaning.statusCode()).as(meaning.body()).isEqualTo(400);
        assertThat(problemFields(meaning)).containsExactlyInAnyOrder("occurredAt", "customer.identities.shoe-size",
                "customer.identities.phone", "value.amount");

        assertThat(problemFields(post("{\"id\":\"" + id + "\",\"type\":\"purchase\",\"channel\":\"web\",\"touchpoint\":\"t\","
                + "\"occurredAt\":\"20/11/2026\",\"customer\":{\"identities\":{\"email\":\"a@example.com\"}}}")))
                .containsExactly("occurredAt");
        assertThat(problemFields(post(event("erased:" + id, email(unique("ida")), ""))))
                .as("erased events' ids are the server's").containsExactly("id");
        assertThat(problemFields(post("{\"type\":\"purchase\"}")))
                .containsExactlyInAnyOrder("id", "channel", "touchpoint", "customer");
        assertThat(stored(INTERACTION, INTERACTION.EVENT_ID.eq(id))).isZero();
    }

    @Test
    void touchpointsNamedByEventsExistAsEntities() {
        String touchpoint = unique("store-lisbon");
        post(event(unique("evt"), email(unique("gil")), "").replace("\"checkout\"", "\"" + touchpoint + "\""));
        assertThat(stored(TOUCHPOINT, TOUCHPOINT.TOUCHPOINT_KEY.eq(touchpoint))).isEqualTo(1);
    }

    @Test
    void analystsMayNotWriteEvents() {
        String analyst = json(server.adminPost("/api/v1/tokens", "{\"name\":\"bi\",\"role\":\"analyst\"}")).path("token").asText();
        assertThat(server.postJson("/api/v1/events", analyst, event(unique("evt"), email(unique("hal")), "")).statusCode())
                .isEqualTo(403);
    }
}
