package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import org.opencem.core.store.BothDatabases;
import org.opencem.core.store.TestDatabases.Backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.core.store.Database;

/**
 * The customer reads at the store level on H2 and PostgreSQL: search and its keyset paging, the timeline's paging
 * across kinds, journeys, and an erasure that leaves no trace of the person.
 */
class CustomerReadsIT extends BothDatabases {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    private final CustomerRepository repository = new CustomerRepository();

    private static Identity email(String value) {
        return new Identity("email", value);
    }

    private static UUID create(DSLContext dsl, CustomerResolver resolver, Map<String, Object> attributes, Identity... identities) {
        return dsl.transactionResult(c -> resolver.resolve(c.dsl(), List.of(identities), attributes, T0)).customerId();
    }

    private static CustomerSearch.Query query(List<AttributeFilter> attributes, Optional<String> text, int limit) {
        return new CustomerSearch.Query(Optional.empty(), attributes, text, limit, Optional.empty());
    }

    private static List<UUID> ids(Page<CustomerView> page) {
        return page.items().stream().map(CustomerView::id).toList();
    }

    /** Every customer the search finds, following {@code next} with pages of {@code limit}. */
    private static List<UUID> all(DSLContext dsl, CustomerSearch.Query first) {
        List<UUID> found = new ArrayList<>();
        CustomerSearch.Query query = first;
        while (true) {
            Page<CustomerView> page = CustomerSearch.search(dsl, query);
            assertThat(page.items().size()).isLessThanOrEqualTo(query.limit());
            found.addAll(ids(page));
            if (page.next() == null) {
                return found;
            }
            assertThat(found).as("paging ends").hasSizeLessThan(1_000);
            assertThat(page.items()).as("a page with a next page is full").hasSize(query.limit());
            query = new CustomerSearch.Query(query.identity(), query.attributes(), query.text(), query.limit(),
                    Optional.of(CustomerSearch.Position.decode(page.next())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void pagingThrough250CustomersCreatedAtOneInstantGivesEachExactlyOnceEvenWithInsertsBetweenPages(Backend backend,
                                                                                                      @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            // One instant for all: the order rests on the id tie-break alone.
            CustomerResolver resolver = new CustomerResolver(repository, Clock.fixed(T0, ZoneOffset.UTC));
            List<UUID> created = dsl.transactionResult(c -> IntStream.range(0, 250)
                    .mapToObj(i -> resolver.resolve(c.dsl(), List.of(email("p" + i + "@example.com")), Map.of(), T0).customerId())
                    .toList());

            Page<CustomerView> first = CustomerSearch.search(dsl, query(List.of(), Optional.empty(), 100));
            Page<CustomerView> second = CustomerSearch.search(dsl, new CustomerSearch.Query(Optional.empty(), List.of(),
                    Optional.empty(), 100, Optional.of(CustomerSearch.Position.decode(first.next()))));
            Page<CustomerView> third = CustomerSearch.search(dsl, new CustomerSearch.Query(Optional.empty(), List.of(),
                    Optional.empty(), 100, Optional.of(CustomerSearch.Position.decode(second.next()))));

            assertThat(List.of(first.items().size(), second.items().size(), third.items().size())).containsExactly(100, 100, 50);
            assertThat(third.next()).isNull();
            List<UUID> listed = new ArrayList<>(ids(first));
            listed.addAll(ids(second));
            listed.addAll(ids(third));
            assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
            assertThat(first.items().get(0).identities().get("email")).hasSize(1);

            // Again, with customers created between pages (at the same instant, so anywhere in the order).
            List<UUID> seen = new ArrayList<>();
            CustomerSearch.Query next = query(List.of(), Optional.empty(), 100);
            int inserted = 0;
            while (true) {
                Page<CustomerView> page = CustomerSearch.search(dsl, next);
                seen.addAll(ids(page));
                if (page.next() == null) {
                    break;
                }
                for (int i = 0; i < 20; i++) {
                    create(dsl, resolver, Map.of(), email("late" + inserted++ + "@example.com"));
                }
                next = new CustomerSearch.Query(Optional.empty(), List.of(), Optional.empty(), 100,
                        Optional.of(CustomerSearch.Position.decode(page.next())));
            }
            assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void attributeFiltersCompareValuesAsTextAndFillPagesPastLookAlikes(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            CustomerResolver resolver = new CustomerResolver(repository, new TickingClock(T0));
            UUID gold = create(dsl, resolver, Map.of("tier", "gold", "visits", 3), email("gold@example.com"));
            for (int i = 0; i < 10; i++) {
                // Pass the LIKE prefilter ("tier":"gold" nested), fail the exact check.
                create(dsl, resolver, Map.of("profile", Map.of("tier", "gold"), "visits", 30 + i), email("nested" + i + "@example.com"));
            }
            UUID textThree = create(dsl, resolver, Map.of("tier", "gold-plus", "visits", "3"), email("three@example.com"));
            UUID percent = create(dsl, resolver, Map.of("tier", "gold", "code", "a%b"), email("percent@example.com"));
            create(dsl, resolver, Map.of("tier", "Gold", "code", "axb"), email("upper@example.com"));
            UUID merged = create(dsl, resolver, Map.of("tier", "gold"), email("merged@example.com"));
            dsl.transaction(c -> resolver.merge(c.dsl(), gold, merged, "test"));

            assertThat(all(dsl, query(List.of(new AttributeFilter("tier", "gold")), Optional.empty(), 50)))
                    .as("exact, case-sensitive, top-level, merged customers left out").containsExactly(gold, percent);
            assertThat(all(dsl, query(List.of(new AttributeFilter("tier", "gold")), Optional.empty(), 1)))
                    .as("pages of one skip the ten look-alikes between them").containsExactly(gold, percent);
            assertThat(all(dsl, query(List.of(new AttributeFilter("visits", "3")), Optional.empty(), 50)))
                    .as("the number 3 and the text \"3\", not 30").containsExactly(gold, textThree);
            assertThat(all(dsl, query(List.of(new AttributeFilter("code", "a%b")), Optional.empty(), 50))).containsExactly(percent);
            assertThat(all(dsl, query(List.of(new AttributeFilter("code", "a_b")), Optional.empty(), 50))).isEmpty();
            assertThat(all(dsl, query(List.of(new AttributeFilter("tier", "gold"), new AttributeFilter("visits", "3")),
                    Optional.empty(), 50))).containsExactly(gold);
            assertThat(all(dsl, query(List.of(new AttributeFilter("profile", "gold")), Optional.empty(), 50)))
                    .as("objects never match").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void textQueryFindsIdentityValuesAndAttributeTextIgnoringCaseAndIdentityFilterFindsOne(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            CustomerResolver resolver = new CustomerResolver(repository, new TickingClock(T0));
            UUID byEmail = create(dsl, resolver, Map.of(), email("anabela@example.com"));
            UUID byAttribute = create(dsl, resolver, Map.of("name", "Mariana Costa"), new Identity("loyalty", "L-1"));
            UUID percent = create(dsl, resolver, Map.of("discount", "10%"), new Identity("loyalty", "L-2"));
            create(dsl, resolver, Map.of("name", "Bruno"), email("bruno@example.com"));

            assertThat(all(dsl, query(List.of(), Optional.of("ANA"), 50))).containsExactlyInAnyOrder(byEmail, byAttribute);
            assertThat(all(dsl, query(List.of(), Optional.of("%"), 50))).as("% is a literal").containsExactly(percent);
            assertThat(all(dsl, query(List.of(), Optional.of("l-"), 50))).containsExactly(byAttribute, percent);
            Page<CustomerView> one = CustomerSearch.search(dsl, new CustomerSearch.Query(Optional.of(email("anabela@example.com")),
                    List.of(), Optional.empty(), 50, Optional.empty()));
            assertThat(ids(one)).containsExactly(byEmail);
            assertThat(one.next()).isNull();
        }
    }

    /** A key per timeline item: its kind and id. */
    private static String key(Object item) {
        if (item instanceof Timeline.InteractionItem i) {
            return "interaction " + i.id() + " " + i.at();
        }
        if (item instanceof Timeline.ResponseItem r) {
            return "response " + r.id() + " " + r.at();
        }
        Timeline.MergeItem m = (Timeline.MergeItem) item;
        return "merge " + m.mergedId() + " " + m.at();
    }

    private static Instant at(Object item) {
        if (item instanceof Timeline.InteractionItem i) {
            return i.at();
        }
        if (item instanceof Timeline.ResponseItem r) {
            return r.at();
        }
        return ((Timeline.MergeItem) item).at();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void timelinePagesAcrossMixedKindsAtEqualTimesWithoutGapsOrRepeats(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            CustomerResolver ticking = new CustomerResolver(repository, new TickingClock(T0.minusSeconds(60)));
            UUID a = create(dsl, ticking, Map.of(), email("a@example.com"));
            UUID b = create(dsl, ticking, Map.of(), email("b@example.com"));
            UUID c = create(dsl, ticking, Map.of(), email("c@example.com"));
            // Merges at T0 exactly, like the interactions and responses below.
            CustomerResolver atT0 = new CustomerResolver(repository, Clock.fixed(T0, ZoneOffset.UTC));
            dsl.transaction(x -> atT0.merge(x.dsl(), b, c, "test"));
            dsl.transaction(x -> atT0.merge(x.dsl(), a, b, "test"));
            for (int i = 0; i < 5; i++) {
                CustomerFixtures.interaction(dsl, a, "now-" + i, "web", "checkout", T0);
            }
            for (int i = 0; i < 3; i++) {
                CustomerFixtures.interaction(dsl, a, "later-" + i, "store", "lisbon", T0.plusSeconds(1), new BigDecimal("42.50"),
                        "{\"sku\":\"A" + i + "\"}");
            }
            CustomerFixtures.interaction(dsl, a, "before-0", "web", "home", T0.minusSeconds(1));
            CustomerFixtures.interaction(dsl, a, "before-1", "web", "home", T0.minusSeconds(1));
            UUID survey = CustomerFixtures.survey(dsl, T0);
            for (int i = 0; i < 3; i++) {
                CustomerFixtures.response(dsl, survey, a, null, "r-now-" + i, T0, Map.of("q1", 9, "q2", "fine " + i));
            }
            CustomerFixtures.response(dsl, survey, a, null, "r-later", T0.plusSeconds(1), Map.of("q1", 10));

            List<Object> whole = Timeline.read(dsl, a, 200, Optional.empty()).items();

            assertThat(whole).hasSize(16);
            assertThat(whole).extracting(CustomerReadsIT::at).isSortedAccordingTo((x, y) -> y.compareTo(x));
            assertThat(whole.subList(0, 4)).extracting(CustomerReadsIT::key).as("at equal times: responses before interactions")
                    .containsExactly("response r-later " + T0.plusSeconds(1), "interaction later-2 " + T0.plusSeconds(1),
                            "interaction later-1 " + T0.plusSeconds(1), "interaction later-0 " + T0.plusSeconds(1));
            assertThat(whole.subList(4, 6)).extracting(CustomerReadsIT::key).as("A<-B<-C: both merges, on the final survivor's timeline")
                    .containsExactlyInAnyOrder("merge " + b + " " + T0, "merge " + c + " " + T0);
            Timeline.ResponseItem response = (Timeline.ResponseItem) whole.get(6);
            assertThat(response.answers().keySet()).containsExactly("q1", "q2");
            assertThat(response.answers()).containsEntry("q1", 9L);
            assertThat(response.answers().get("q2")).asString().startsWith("fine ");
            Timeline.InteractionItem valued = (Timeline.InteractionItem) whole.get(1);
            assertThat(valued.value()).isEqualTo(new Money(new BigDecimal("42.5"), "EUR"));
            assertThat(valued.properties()).isEqualTo("{\"sku\":\"A2\"}");

            for (int limit = 1; limit <= 17; limit++) {
                List<Object> paged = new ArrayList<>();
                Optional<Timeline.Position> after = Optional.empty();
                while (true) {
                    Page<Object> page = Timeline.read(dsl, a, limit, after);
                    paged.addAll(page.items());
                    if (page.next() == null) {
                        break;
                    }
                    assertThat(paged).as("limit %d: paging ends", limit).hasSizeLessThan(whole.size());
                    assertThat(page.items()).hasSize(limit);
                    after = Optional.of(Timeline.Position.decode(page.next()));
                }
                assertThat(paged).extracting(CustomerReadsIT::key).as("limit %d", limit)
                        .containsExactlyElementsOf(whole.stream().map(CustomerReadsIT::key).toList());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void journeyCollapsesConsecutiveInteractionsAtOnePlaceAndSaysWhenItReadOnlyTheLatest(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID id = create(dsl, new CustomerResolver(repository, new TickingClock(T0)), Map.of(), email("j@example.com"));
            String[][] visits = {{"web", "home"}, {"web", "home"}, {"web", "checkout"}, {"store", "checkout"},
                {"store", "checkout"}, {"store", "checkout"}, {"web", "home"}};
            for (int i = 0; i < visits.length; i++) {
                CustomerFixtures.interaction(dsl, id, "j-" + i, visits[i][0], visits[i][1], T0.plusSeconds(i));
            }

            Journey whole = Journey.of(dsl, id, 100);
            Journey latest = Journey.of(dsl, id, 4);

            assertThat(whole.steps()).containsExactly(
                    new Journey.Step("home", "web", T0, T0.plusSeconds(1), 2),
                    new Journey.Step("checkout", "web", T0.plusSeconds(2), T0.plusSeconds(2), 1),
                    new Journey.Step("checkout", "store", T0.plusSeconds(3), T0.plusSeconds(5), 3),
                    new Journey.Step("home", "web", T0.plusSeconds(6), T0.plusSeconds(6), 1));
            assertThat(whole.truncated()).isFalse();
            assertThat(whole.interactionsRead()).isEqualTo(7);
            assertThat(latest.steps()).containsExactly(
                    new Journey.Step("checkout", "store", T0.plusSeconds(3), T0.plusSeconds(5), 3),
                    new Journey.Step("home", "web", T0.plusSeconds(6), T0.plusSeconds(6), 1));
            assertThat(latest.truncated()).isTrue();
            assertThat(latest.interactionsRead()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void erasureLeavesTheEmailAndPhoneInNoTextColumnAndKeepsAnonymousAggregates(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            CustomerResolver resolver = new CustomerResolver(repository, new TickingClock(T0));
            String mail = "ana.silva@example.com";
            String phoneAsSent = "+351 912 345 678";
            String phone = "+351912345678";
            UUID ana = create(dsl, resolver, Map.of("name", "Ana Silva", "contact", "Ana.Silva@Example.com"), email(mail));
            UUID mobile = create(dsl, resolver, Map.of("mobile", phoneAsSent), new Identity("phone", phone));
            UUID visitor = create(dsl, resolver, Map.of("alt", mail.toUpperCase()), new Identity("visitor", "v-9"));
            // A chain ana <- mobile <- visitor: merged rows keep their own attributes until erased.
            dsl.transaction(x -> resolver.merge(x.dsl(), mobile, visitor, "test"));
            dsl.transaction(x -> resolver.merge(x.dsl(), ana, mobile, "test"));
            UUID other = create(dsl, resolver, Map.of("name", "Bruno"), email("bruno@example.com"));
            CustomerFixtures.interaction(dsl, ana, "order-" + mail, "web", "checkout", T0, new BigDecimal("10.00"),
                    "{\"phone\":\"" + phoneAsSent + "\"}");
            CustomerFixtures.interaction(dsl, ana, "visit-" + phone, "web", "home", T0.plusSeconds(5));
            CustomerFixtures.interaction(dsl, other, "order-bruno", "web", "checkout", T0);
            UUID survey = CustomerFixtures.survey(dsl, T0);
            UUID invitation = CustomerFixtures.invitation(dsl, survey, CustomerFixtures.channel(dsl, T0), ana, T0,
                    "550 mailbox " + mail + " unavailable");
            CustomerFixtures.response(dsl, survey, ana, invitation, "resp-" + mail, T0, Map.of("q1", 9, "q2", "call me on " + phoneAsSent));
            List<String> needles = List.of(mail, phone, phoneAsSent, "912345678");
            assertThat(repository.survivorOf(dsl, visitor)).contains(ana);
            assertThat(TextColumnScan.textColumns(dsl)).as("the scan covers TEXT and VARCHAR columns of every table")
                    .contains("customer.attributes", "customer_identity.id_value", "interaction.properties", "interaction.event_id",
                            "response.response_key", "response_answer.text_value", "invitation.error", "audit_log.detail",
                            "customer_merge.reason");
            assertThat(TextColumnScan.columnsContaining(dsl, mail)).as("before: the scan finds the email")
                    .contains("customer.attributes", "customer_identity.id_value", "interaction.event_id", "response.response_key",
                            "invitation.error");
            assertThat(TextColumnScan.columnsContaining(dsl, phoneAsSent))
                    .contains("customer.attributes", "interaction.properties", "response_answer.text_value");

            dsl.transaction(x -> CustomerErasure.erase(x.dsl(), ana, T0.plusSeconds(3_600)));

            for (String needle : needles) {
                assertThat(TextColumnScan.columnsContaining(dsl, needle)).as("after erasure, %s", needle).isEmpty();
            }
            assertThat(dsl.fetchCount(INTERACTION, INTERACTION.CUSTOMER_ID.eq(ana))).as("interactions stay, anonymous").isEqualTo(2);
            assertThat(dsl.select(INTERACTION.AMOUNT).from(INTERACTION).where(INTERACTION.CUSTOMER_ID.eq(ana), INTERACTION.AMOUNT.isNotNull())
                    .fetchSingle().value1()).isEqualByComparingTo("10");
            assertThat(dsl.fetchCount(RESPONSE, RESPONSE.CUSTOMER_ID.eq(ana))).isEqualTo(1);
            assertThat(dsl.select(RESPONSE_ANSWER.SCORE).from(RESPONSE_ANSWER).where(RESPONSE_ANSWER.QUESTION_ID.eq("q1"))
                    .fetchSingle().value1()).as("scores stay").isEqualTo(9L);
            assertThat(dsl.select(CUSTOMER.ATTRIBUTES, CUSTOMER.ERASED_AT).from(CUSTOMER).where(CUSTOMER.ID.in(ana, mobile, visitor))
                    .fetch(r -> r.value1() + " " + (r.value2() != null))).containsOnly("{} true");
            assertThat(TextColumnScan.columnsContaining(dsl, "bruno@example.com")).as("others untouched")
                    .contains("customer_identity.id_value");
            assertThat(dsl.fetchSingle(INTERACTION, INTERACTION.CUSTOMER_ID.eq(other)).getEventId()).isEqualTo("order-bruno");
            assertThat(Timeline.read(dsl, ana, 10, Optional.empty()).items()).as("2 interactions, 1 response, 2 merges").hasSize(5);
            UUID fresh = create(dsl, resolver, Map.of(), email(mail));
            assertThat(fresh).as("the same email later makes a fresh customer").isNotIn(ana, mobile, visitor);
        }
    }
}
