package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;
import static org.opencem.core.store.schema.Tables.CUSTOMER_MERGE;
import static org.opencem.core.store.schema.Tables.CUSTOMER_METRIC_STATE;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.opencem.core.http.Json;
import org.opencem.core.store.InList;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * Customers and their identities in the store. Blocking: call from worker threads, inside the caller's
 * transaction.
 */
@Singleton
public final class CustomerRepository {

    /** Longer {@code merged_into} chains than this mean a cycle, which merges never create. */
    private static final int MAX_CHAIN = 1_000;
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /**
     * @param dsl a context
     * @param id any customer id, merged ones included
     * @return the surviving customer it resolves to, if the id exists
     */
    public Optional<CustomerProfile> find(DSLContext dsl, UUID id) {
        return survivorOf(dsl, id).map(survivor -> profile(dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(survivor)).fetchSingle()));
    }

    /**
     * Follows {@code merged_into} to the end of the chain.
     *
     * @param dsl a context
     * @param id any customer id
     * @return the surviving id, if the id exists
     */
    public Optional<UUID> survivorOf(DSLContext dsl, UUID id) {
        UUID current = id;
        for (int hops = 0; hops <= MAX_CHAIN; hops++) {
            var row = dsl.select(CUSTOMER.MERGED_INTO).from(CUSTOMER).where(CUSTOMER.ID.eq(current)).fetchOptional();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            UUID into = row.get().value1();
            if (into == null) {
                return Optional.of(current);
            }
            current = into;
        }
        throw new IllegalStateException("merged_into chain of customer " + id + " does not end");
    }

    /**
     * @param dsl a context
     * @param customerId a customer id (not followed through merges)
     * @return its identities, by type then value
     */
    public List<Identity> identities(DSLContext dsl, UUID customerId) {
        return dsl.select(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE)
                .from(CUSTOMER_IDENTITY)
                .where(CUSTOMER_IDENTITY.CUSTOMER_ID.eq(customerId))
                .orderBy(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE)
                .fetch(r -> new Identity(r.value1(), r.value2()));
    }

    /**
     * @param dsl a context
     * @param identities normalized identities
     * @return the customer each known identity belongs to
     */
    public Map<Identity, UUID> owners(DSLContext dsl, Collection<Identity> identities) {
        if (identities.isEmpty()) {
            return Map.of();
        }
        // One query per type with one IN list, answered from the (value, type) index: H2 uses an IN list only on
        // an index's first column, and scans the whole table for an OR of such conditions.
        Map<String, List<String>> valuesByType = identities.stream().collect(Collectors.groupingBy(Identity::type,
                LinkedHashMap::new, Collectors.mapping(Identity::value, Collectors.toList())));
        Map<Identity, UUID> owners = new LinkedHashMap<>();
        valuesByType.forEach((type, values) -> dsl.select(CUSTOMER_IDENTITY.ID_VALUE, CUSTOMER_IDENTITY.CUSTOMER_ID)
                .from(CUSTOMER_IDENTITY)
                .where(InList.of(CUSTOMER_IDENTITY.ID_VALUE, values).and(CUSTOMER_IDENTITY.ID_TYPE.eq(type)))
                .forEach(r -> owners.put(new Identity(type, r.value1()), r.value2())));
        return owners;
    }

    /** Creates a customer; returns its id. */
    UUID insert(DSLContext dsl, Map<String, Object> attributes, Instant seenAt, Instant createdAt) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(CUSTOMER)
                .set(CUSTOMER.ID, id)
                .set(CUSTOMER.ATTRIBUTES, json(attributes))
                .set(CUSTOMER.FIRST_SEEN, seenAt)
                .set(CUSTOMER.LAST_SEEN, seenAt)
                .set(CUSTOMER.CREATED_AT, createdAt)
                .execute();
        return id;
    }

    /**
     * Adds an identity unless another transaction holds it. PostgreSQL: {@code ON CONFLICT DO NOTHING} waits
     * for a concurrent inserter of the same key and then inserts nothing, without aborting our transaction.
     * H2 (where jOOQ emulates it with {@code MERGE}) may instead raise the unique violation; H2 rolls back only
     * the failed statement, so the transaction stays usable. Either way the caller learns it lost the race.
     *
     * @return whether the row was inserted
     */
    boolean insertIdentity(DSLContext dsl, UUID customerId, Identity identity, Instant at) {
        try {
            return dsl.insertInto(CUSTOMER_IDENTITY)
                    .set(CUSTOMER_IDENTITY.ID_TYPE, identity.type())
                    .set(CUSTOMER_IDENTITY.ID_VALUE, identity.value())
                    .set(CUSTOMER_IDENTITY.CUSTOMER_ID, customerId)
                    .set(CUSTOMER_IDENTITY.CREATED_AT, at)
                    .onConflict(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE).doNothing()
                    .execute() == 1;
        } catch (IntegrityConstraintViolationException e) {
            if (dsl.dialect().family() != SQLDialect.POSTGRES && isIdentityConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isIdentityConflict(IntegrityConstraintViolationException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("customer_identity_uk");
    }

    /** Removes a customer this transaction created and nothing else references yet, with its identities. */
    void deleteUnreferenced(DSLContext dsl, UUID customerId) {
        dsl.deleteFrom(CUSTOMER_IDENTITY).where(CUSTOMER_IDENTITY.CUSTOMER_ID.eq(customerId)).execute();
        dsl.deleteFrom(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).execute();
    }

    /** Locks the customers in id order, so two transactions locking overlapping sets cannot deadlock. */
    List<CustomerRecord> lock(DSLContext dsl, Set<UUID> ids) {
        return dsl.selectFrom(CUSTOMER).where(InList.of(CUSTOMER.ID, ids)).orderBy(CUSTOMER.ID).forUpdate().fetch();
    }

    /** Points everything that belongs to {@code from} at {@code to}. */
    void moveEverything(DSLContext dsl, UUID from, UUID to) {
        dsl.update(CUSTOMER_IDENTITY).set(CUSTOMER_IDENTITY.CUSTOMER_ID, to).where(CUSTOMER_IDENTITY.CUSTOMER_ID.eq(from)).execute();
        dsl.update(INTERACTION).set(INTERACTION.CUSTOMER_ID, to).where(INTERACTION.CUSTOMER_ID.eq(from)).execute();
        dsl.update(RESPONSE).set(RESPONSE.CUSTOMER_ID, to).where(RESPONSE.CUSTOMER_ID.eq(from)).execute();
        dsl.update(INVITATION).set(INVITATION.CUSTOMER_ID, to).where(INVITATION.CUSTOMER_ID.eq(from)).execute();
        moveMetricStates(dsl, from, to);
    }

    /** The survivor keeps, per metric, the newer of the two customers' latest answers. */
    private static void moveMetricStates(DSLContext dsl, UUID from, UUID to) {
        var other = CUSTOMER_METRIC_STATE.as("other");
        dsl.deleteFrom(CUSTOMER_METRIC_STATE)
                .where(CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(to))
                .and(DSL.exists(DSL.selectOne().from(other).where(other.CUSTOMER_ID.eq(from),
                        other.METRIC.eq(CUSTOMER_METRIC_STATE.METRIC),
                        other.ANSWERED_AT.gt(CUSTOMER_METRIC_STATE.ANSWERED_AT)))).execute();
        dsl.update(CUSTOMER_METRIC_STATE)
                .set(CUSTOMER_METRIC_STATE.CUSTOMER_ID, to)
                .where(CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(from))
                .and(DSL.notExists(DSL.selectOne().from(other).where(other.CUSTOMER_ID.eq(to),
                        other.METRIC.eq(CUSTOMER_METRIC_STATE.METRIC)))).execute();
        dsl.deleteFrom(CUSTOMER_METRIC_STATE).where(CUSTOMER_METRIC_STATE.CUSTOMER_ID.eq(from)).execute();
    }

    /** Marks {@code merged} as absorbed by {@code survivor} and records the merge. */
    void markMerged(DSLContext dsl, UUID merged, UUID survivor, String reason, Instant at) {
        dsl.update(CUSTOMER).set(CUSTOMER.MERGED_INTO, survivor).where(CUSTOMER.ID.eq(merged)).execute();
        dsl.insertInto(CUSTOMER_MERGE)
                .set(CUSTOMER_MERGE.SURVIVOR_ID, survivor)
                .set(CUSTOMER_MERGE.MERGED_ID, merged)
                .set(CUSTOMER_MERGE.REASON, reason.length() <= 200 ? reason : reason.substring(0, 197) + "...")
                .set(CUSTOMER_MERGE.MERGED_AT, at)
                .execute();
    }

    /** Writes a customer's attributes and seen times. */
    void update(DSLContext dsl, UUID id, Map<String, Object> attributes, Instant firstSeen, Instant lastSeen) {
        dsl.update(CUSTOMER)
                .set(CUSTOMER.ATTRIBUTES, json(attributes))
                .set(CUSTOMER.FIRST_SEEN, firstSeen)
                .set(CUSTOMER.LAST_SEEN, lastSeen)
                .where(CUSTOMER.ID.eq(id))
                .execute();
    }

    /**
     * A customer to create with its identities.
     *
     * @param id its new id
     * @param identities its identities, none stored yet
     * @param attributes its attributes
     * @param firstSeen the earliest sighting
     * @param lastSeen the latest sighting
     */
    record NewCustomer(UUID id, List<Identity> identities, Map<String, Object> attributes, Instant firstSeen,
                       Instant lastSeen) {
    }

    /**
     * Creates customers and their identities with two batched statements. An identity another transaction
     * holds fails the statement (and the transaction): callers retry such work one sighting at a time.
     */
    void insertAll(DSLContext dsl, List<NewCustomer> created, Instant at) {
        BatchBindStep customers = dsl.batch(dsl.insertInto(CUSTOMER, CUSTOMER.ID, CUSTOMER.ATTRIBUTES, CUSTOMER.FIRST_SEEN,
                CUSTOMER.LAST_SEEN, CUSTOMER.CREATED_AT).values((UUID) null, null, null, null, null));
        BatchBindStep identities = dsl.batch(dsl.insertInto(CUSTOMER_IDENTITY, CUSTOMER_IDENTITY.ID_TYPE,
                CUSTOMER_IDENTITY.ID_VALUE, CUSTOMER_IDENTITY.CUSTOMER_ID, CUSTOMER_IDENTITY.CREATED_AT)
                .values((String) null, null, null, null));
        for (NewCustomer customer : created) {
            customers.bind(customer.id(), json(customer.attributes()), customer.firstSeen(), customer.lastSeen(), at);
            for (Identity identity : customer.identities()) {
                identities.bind(identity.type(), identity.value(), customer.id(), at);
            }
        }
        customers.execute();
        identities.execute();
    }

    /**
     * Writes customers' seen times with one batched statement.
     *
     * @param seen customer id to its new first and last seen
     */
    void updateSeen(DSLContext dsl, Map<UUID, Instant[]> seen) {
        if (seen.isEmpty()) {
            return;
        }
        BatchBindStep batch = dsl.batch(dsl.update(CUSTOMER)
                .set(CUSTOMER.FIRST_SEEN, (Instant) null)
                .set(CUSTOMER.LAST_SEEN, (Instant) null)
                .where(CUSTOMER.ID.eq((UUID) null)));
        seen.forEach((id, span) -> batch.bind(span[0], span[1], id));
        batch.execute();
    }

    static CustomerProfile profile(CustomerRecord record) {
        return new CustomerProfile(record.getId(), attributes(record.getAttributes()), record.getFirstSeen(),
                record.getLastSeen(), record.getCreatedAt());
    }

    /**
     * @param json a customer's {@code attributes} column
     * @return the attributes, in the order stored
     */
    public static LinkedHashMap<String, Object> attributes(String json) {
        try {
            return Json.MAPPER.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("customer attributes are not a JSON object", e);
        }
    }

    private static String json(Map<String, Object> attributes) {
        try {
            return Json.MAPPER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("customer attributes cannot be written as JSON", e);
        }
    }
}
