package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import org.opencem.core.store.BothDatabases;
import org.opencem.core.store.TestDatabases.Backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.CUSTOMER_MERGE;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencem.core.store.Database;

/**
 * Identity resolution and merges on both supported databases: an H2 file and an embedded PostgreSQL (one
 * server per class, a fresh database per test).
 */
class CustomerResolutionIT extends BothDatabases {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private final CustomerRepository customers = new CustomerRepository();
    private final CustomerResolver resolver = new CustomerResolver(customers, new TickingClock(T0));

    private static Identity email(String value) {
        return new Identity("email", value);
    }

    private static Identity phone(String value) {
        return new Identity("phone", value);
    }

    private Resolution resolve(Database database, Map<String, Object> attributes, Instant seenAt, Identity... identities) {
        return database.dsl().transactionResult(c -> resolver.resolve(c.dsl(), List.of(identities), attributes, seenAt));
    }

    private Resolution resolve(Database database, Identity... identities) {
        return resolve(database, Map.of(), T0, identities);
    }

    private static UUID mergedInto(DSLContext dsl, UUID id) {
        return dsl.select(CUSTOMER.MERGED_INTO).from(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchSingle(CUSTOMER.MERGED_INTO);
    }

    private static void insertInteraction(DSLContext dsl, UUID customer, String eventId) {
        CustomerFixtures.interaction(dsl, customer, eventId, "web", "checkout", T0);
    }

    /** A survey, a channel, an invitation of the customer and its response; returns {invitation, response}. */
    private static UUID[] insertInvitationAndResponse(DSLContext dsl, UUID customer) {
        UUID survey = CustomerFixtures.survey(dsl, T0);
        UUID invitation = CustomerFixtures.invitation(dsl, survey, CustomerFixtures.channel(dsl, T0), customer, T0, null);
        UUID response = CustomerFixtures.response(dsl, survey, customer, invitation, UUID.randomUUID().toString(), T0, Map.of());
        return new UUID[] {invitation, response};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void newIdentityCreatesACustomer(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            Resolution resolution = resolve(database, Map.of("name", "Ana", "plan", "gold"), T0, email("ana@example.com"));

            assertThat(resolution.created()).isTrue();
            assertThat(resolution.merged()).isEmpty();
            CustomerProfile profile = customers.find(database.dsl(), resolution.customerId()).orElseThrow();
            assertThat(profile.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Ana", "plan", "gold"));
            assertThat(profile.firstSeen()).isEqualTo(T0);
            assertThat(profile.lastSeen()).isEqualTo(T0);
            assertThat(customers.identities(database.dsl(), resolution.customerId())).containsExactly(email("ana@example.com"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sameIdentityFindsTheSameCustomerAndUpdatesIt(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            UUID id = resolve(database, Map.of("name", "Ana", "plan", "gold"), T0, email("ana@example.com")).customerId();

            Resolution again = resolve(database, Map.of("plan", "platinum"), T0.plusSeconds(60), email("ana@example.com"));
            resolve(database, Map.of(), T0.minusSeconds(60), email("ana@example.com"));

            assertThat(again).isEqualTo(new Resolution(id, false, List.of()));
            CustomerProfile profile = customers.find(database.dsl(), id).orElseThrow();
            assertThat(profile.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Ana", "plan", "platinum"));
            assertThat(profile.firstSeen()).isEqualTo(T0.minusSeconds(60));
            assertThat(profile.lastSeen()).isEqualTo(T0.plusSeconds(60));
            assertThat(database.dsl().fetchCount(CUSTOMER)).isEqualTo(1);
            assertThat(database.dsl().fetchCount(CUSTOMER_IDENTITY)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void secondIdentityIsAddedToTheCustomer(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            UUID id = resolve(database, email("ana@example.com")).customerId();

            Resolution resolution = resolve(database, phone("+351912345678"), email("ana@example.com"));

            assertThat(resolution).isEqualTo(new Resolution(id, false, List.of()));
            assertThat(customers.identities(database.dsl(), id))
                    .containsExactly(email("ana@example.com"), phone("+351912345678"));
            assertThat(database.dsl().fetchCount(CUSTOMER)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void identitiesOfTwoCustomersMergeIntoTheOlder(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID older = resolve(database, Map.of("name", "Ana", "tier", "gold"), T0, email("ana@example.com")).customerId();
            UUID newer = resolve(database, Map.of("name", "A. Silva", "city", "Porto"), T0.minusSeconds(3_600),
                    phone("+351912345678")).customerId();
            insertInteraction(dsl, older, "e-1");
            insertInteraction(dsl, newer, "e-2");
            insertInteraction(dsl, newer, "e-3");
            UUID[] invitationAndResponse = insertInvitationAndResponse(dsl, newer);

            // The newer customer's identity comes first: the order identities are named in does not choose the survivor.
            Resolution resolution = resolve(database, Map.of("tier", "platinum"), T0.plusSeconds(60),
                    phone("+351912345678"), email("ana@example.com"));

            assertThat(resolution).isEqualTo(new Resolution(older, false, List.of(newer)));
            assertThat(customers.identities(dsl, older)).containsExactly(email("ana@example.com"), phone("+351912345678"));
            assertThat(customers.identities(dsl, newer)).isEmpty();
            assertThat(dsl.fetchCount(INTERACTION, INTERACTION.CUSTOMER_ID.eq(older))).isEqualTo(3);
            assertThat(dsl.fetchCount(INTERACTION, INTERACTION.CUSTOMER_ID.eq(newer))).isZero();
            assertThat(dsl.fetchSingle(INVITATION, INVITATION.ID.eq(invitationAndResponse[0])).getCustomerId()).isEqualTo(older);
            assertThat(dsl.fetchSingle(RESPONSE, RESPONSE.ID.eq(invitationAndResponse[1])).getCustomerId()).isEqualTo(older);
            assertThat(mergedInto(dsl, newer)).isEqualTo(older);
            assertThat(mergedInto(dsl, older)).isNull();
            assertThat(dsl.select(CUSTOMER_MERGE.SURVIVOR_ID, CUSTOMER_MERGE.MERGED_ID, CUSTOMER_MERGE.REASON)
                    .from(CUSTOMER_MERGE).fetch(r -> r.value1() + "<-" + r.value2() + " " + r.value3()))
                    .containsExactly(older + "<-" + newer + " identities shared: phone");

            CustomerProfile survivor = customers.find(dsl, newer).orElseThrow();
            assertThat(survivor.id()).isEqualTo(older);
            assertThat(survivor.attributes()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("name", "Ana", "tier", "platinum", "city", "Porto"));
            assertThat(survivor.firstSeen()).isEqualTo(T0.minusSeconds(3_600));
            assertThat(survivor.lastSeen()).isEqualTo(T0.plusSeconds(60));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void chainOfMergesResolvesOldIdsToTheFinalSurvivor(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID a = resolve(database, email("a@example.com")).customerId();
            UUID b = resolve(database, email("b@example.com")).customerId();
            UUID c = resolve(database, email("c@example.com")).customerId();
            UUID d = resolve(database, email("d@example.com")).customerId();
            insertInteraction(dsl, d, "e-d");

            assertThat(resolve(database, email("d@example.com"), email("c@example.com")).merged()).containsExactly(d);
            assertThat(resolve(database, email("b@example.com"), email("a@example.com")).merged()).containsExactly(b);
            assertThat(resolve(database, email("c@example.com"), email("a@example.com")))
                    .isEqualTo(new Resolution(a, false, List.of(c)));

            assertThat(mergedInto(dsl, d)).as("D keeps pointing at C, which points at A").isEqualTo(c);
            assertThat(mergedInto(dsl, c)).isEqualTo(a);
            for (UUID old : List.of(a, b, c, d)) {
                assertThat(customers.survivorOf(dsl, old)).contains(a);
                assertThat(customers.find(dsl, old).orElseThrow().id()).isEqualTo(a);
            }
            assertThat(customers.identities(dsl, a)).extracting(Identity::value)
                    .containsExactly("a@example.com", "b@example.com", "c@example.com", "d@example.com");
            assertThat(dsl.fetchCount(INTERACTION, INTERACTION.CUSTOMER_ID.eq(a))).isEqualTo(1);
            assertThat(dsl.fetchCount(CUSTOMER_MERGE)).isEqualTo(3);
            // A merged id's identity in a later request finds the final survivor and merges nothing more.
            assertThat(resolve(database, email("d@example.com"), email("e@example.com")))
                    .isEqualTo(new Resolution(a, false, List.of()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void manualMergeKeepsTheOlderWhicheverOrderItIsAskedIn(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            DSLContext dsl = database.dsl();
            UUID older = resolve(database, email("a@example.com")).customerId();
            UUID newer = resolve(database, email("b@example.com")).customerId();

            Resolution merge = dsl.transactionResult(c -> resolver.merge(c.dsl(), newer, older, "manual by admin@example.com"));
            Resolution again = dsl.transactionResult(c -> resolver.merge(c.dsl(), newer, older, "manual"));

            assertThat(merge).isEqualTo(new Resolution(older, false, List.of(newer)));
            assertThat(again).isEqualTo(new Resolution(older, false, List.of()));
            assertThat(dsl.fetchSingle(CUSTOMER_MERGE).getReason()).isEqualTo("manual by admin@example.com");
            assertThatThrownBy(() -> dsl.transactionResult(c -> resolver.merge(c.dsl(), older, UUID.randomUUID(), "x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void unknownIdFindsNothing(Backend backend, @TempDir Path dir) {
        try (Database database = backend.open(dir)) {
            assertThat(customers.find(database.dsl(), UUID.randomUUID())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentCreatorsOfOneNewIdentityMakeOneCustomer(Backend backend, @TempDir Path dir)
            throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Database database = backend.open(dir)) {
            for (int round = 0; round < 10; round++) {
                Identity identity = email("race-" + round + "@example.com");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Resolution>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return resolve(database, identity);
                    }));
                }
                List<Resolution> resolutions = new ArrayList<>();
                for (Future<Resolution> result : results) {
                    resolutions.add(result.get(30, TimeUnit.SECONDS));
                }

                assertThat(resolutions).extracting(Resolution::customerId).as("round %d", round).containsOnly(resolutions.get(0).customerId());
                assertThat(resolutions).filteredOn(Resolution::created).as("round %d", round).hasSize(1);
                assertThat(database.dsl().fetchCount(CUSTOMER_IDENTITY, CUSTOMER_IDENTITY.ID_VALUE.eq(identity.value()))).isEqualTo(1);
            }
            assertThat(database.dsl().fetchCount(CUSTOMER)).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
