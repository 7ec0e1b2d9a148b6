package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import static org.opencem.core.store.schema.Tables.CUSTOMER;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.opencem.core.store.ContentionException;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Principal;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * The customer API's operations, each inside the caller's transaction (blocking: worker threads only).
 * Writes are audited with ids, identity types and counts, never identity or attribute values.
 */
@Singleton
public final class CustomerService {

    /** The most attribute keys a request may bring a customer to. */
    public static final int MAX_ATTRIBUTES = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final CustomerRepository customers;
    private final CustomerResolver resolver;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    CustomerService(CustomerRepository customers, CustomerResolver resolver, AuditLog audit, Clock clock) {
        this.customers = customers;
        this.resolver = resolver;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an upsert answered.
     *
     * @param customer the customer the identities name
     * @param created whether it was created by this request
     */
    public record Upsert(CustomerView customer, boolean created) {
    }

    /**
     * Finds or creates the customer the identities name, merging the customers they name when several.
     *
     * @param dsl the transaction
     * @param identities normalized identities, at least one
     * @param attributes keys to set; a {@code null} value removes the key
     * @param actor who asks
     * @return the customer and whether it was created
     * @throws ProblemException 400 when the request would bring the customer over {@link #MAX_ATTRIBUTES} keys
     */
    public Upsert upsert(DSLContext dsl, List<Identity> identities, Map<String, Object> attributes, Principal actor) {
        Map<String, Object> set = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (value != null) {
                set.put(key, value);
            }
        });
        Resolution resolution = resolver.resolve(dsl, identities, set, clock.instant());
        UUID id = resolution.customerId();
        CustomerProfile profile = customers.find(dsl, id).orElseThrow();
        Map<String, Object> stored = new LinkedHashMap<>(profile.attributes());
        if (stored.keySet().removeAll(nullKeys(attributes))) {
            customers.update(dsl, id, stored, profile.firstSeen(), profile.lastSeen());
        }
        if (!set.isEmpty() && stored.size() > MAX_ATTRIBUTES) {
            throw tooManyAttributes();
        }
        String types = identities.stream().map(Identity::type).distinct().sorted().collect(Collectors.joining(","));
        String detail = "identityTypes=" + types + "; attributes=" + attributes.size();
        audit.record(dsl, actor, resolution.created() ? "customer.create" : "customer.update", id.toString(), detail);
        for (UUID merged : resolution.merged()) {
            audit.record(dsl, actor, "customer.merge", id.toString(), "merged=" + merged + "; reason=shared identities");
        }
        return new Upsert(view(dsl, id), resolution.created());
    }

    /**
     * @param dsl a context
     * @param id any customer id, merged ones included
     * @return the view of the customer it resolves to (its {@code id} differs from the one asked for when merged)
     * @throws ProblemException 404 when there is no such customer
     */
    public CustomerView get(DSLContext dsl, UUID id) {
        return view(dsl, survivor(dsl, id, "no customer with id '" + id + "'"));
    }

    /**
     * Sets and removes attribute keys of the customer an id resolves to.
     *
     * @param dsl the transaction
     * @param id any customer id, merged ones included (the survivor is changed)
     * @param attributes keys to set; a {@code null} value removes the key
     * @param actor who asks
     * @return the customer's view after the change
     */
    public CustomerView patch(DSLContext dsl, UUID id, Map<String, Object> attributes, Principal actor) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            UUID survivor = survivor(dsl, id, "no customer with id '" + id + "'");
            List<CustomerRecord> locked = customers.lock(dsl, Set.of(survivor));
            if (locked.size() != 1 || locked.get(0).getMergedInto() != null) {
                continue; // merged meanwhile: follow it again
            }
            CustomerRecord record = locked.get(0);
            Map<String, Object> profile = CustomerRepository.attributes(record.getAttributes());
            int before = profile.size();
            int set = 0;
            int removed = 0;
            for (Map.Entry<String, Object> entry : attributes.entrySet()) {
                if (entry.getValue() == null) {
                    removed += profile.remove(entry.getKey()) != null ? 1 : 0;
                } else {
                    profile.put(entry.getKey(), entry.getValue());
                    set++;
                }
            }
            if (profile.size() > MAX_ATTRIBUTES && profile.size() > before) {
                throw tooManyAttributes();
            }
            customers.update(dsl, survivor, profile, record.getFirstSeen(), record.getLastSeen());
            audit.record(dsl, actor, "customer.update", survivor.toString(), "attributesSet=" + set + "; attributesRemoved=" + removed);
            return view(dsl, survivor);
        }
        throw new ContentionException("customer " + id + " kept being merged while updating it");
    }

    /**
     * Merges two customers by hand: the older survives.
     *
     * @param dsl the transaction
     * @param id a customer id
     * @param other another customer id
     * @param actor who asks
     * @return the survivor's view; nothing changes when both already are one customer
     * @throws ProblemException 400 when both ids are the same, 404 when either is unknown
     */
    public CustomerView merge(DSLContext dsl, UUID id, UUID other, Principal actor) {
        if (id.equals(other)) {
            throw ProblemException.badField("other", "must name another customer than the one in the path");
        }
        survivor(dsl, id, "no customer with id '" + id + "'");
        survivor(dsl, other, "no customer with id '" + other + "' (other)");
        Resolution resolution = resolver.merge(dsl, id, other, "manual merge");
        for (UUID merged : resolution.merged()) {
            audit.record(dsl, actor, "customer.merge", resolution.customerId().toString(),
                    "merged=" + merged + "; reason=manual");
        }
        return view(dsl, resolution.customerId());
    }

    /** @throws ProblemException 404 when unknown, 410 when the customer the id resolves to was erased */
    private UUID survivor(DSLContext dsl, UUID id, String notFound) {
        UUID survivor = customers.survivorOf(dsl, id).orElseThrow(() -> ProblemException.notFound(notFound));
        if (dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(survivor).and(CUSTOMER.ERASED_AT.isNotNull()))) {
            throw ProblemException.of(410, "customer '" + id + "' was erased");
        }
        return survivor;
    }

    /** One customer's full view: with its interaction counts, and its latest answer per metric. */
    private CustomerView view(DSLContext dsl, UUID survivor) {
        CustomerProfile profile = customers.find(dsl, survivor).orElseThrow();
        return CustomerView.of(profile, customers.identities(dsl, survivor))
                .with(InteractionCounts.of(dsl, survivor), CustomerMetrics.of(dsl, survivor));
    }

    // Reads and GDPR (issue 3 items 3 and 4).

    /**
     * @param dsl a context
     * @param id any customer id, merged ones included
     * @return the live customer it resolves to
     * @throws ProblemException 404 when there is no such customer, 410 when it was erased
     */
    public UUID liveSurvivor(DSLContext dsl, UUID id) {
        return survivor(dsl, id, "no customer with id '" + id + "'");
    }

    /**
     * @param dsl a context
     * @param query the search
     * @return one page of live customers, oldest first, without counts and metrics
     */
    public Page<CustomerView> search(DSLContext dsl, CustomerSearch.Query query) {
        return CustomerSearch.search(dsl, query);
    }

    /**
     * @param dsl a context
     * @param survivor a live customer ({@link #liveSurvivor})
     * @param limit the page size
     * @param after the previous page's last position, if any
     * @return one page of its timeline, newest first
     */
    public Page<Object> timeline(DSLContext dsl, UUID survivor, int limit, Optional<Timeline.Position> after) {
        return Timeline.read(dsl, survivor, limit, after);
    }

    /**
     * @param dsl a context
     * @param survivor a live customer ({@link #liveSurvivor})
     * @return its journey over its latest {@link Journey#MAX_INTERACTIONS} interactions
     */
    public Journey journey(DSLContext dsl, UUID survivor) {
        return Journey.of(dsl, survivor, Journey.MAX_INTERACTIONS);
    }

    /**
     * Everything stored about the person; audited ({@code customer.export}, the id only), since it hands all of
     * a person's data out of the system.
     *
     * @param dsl the transaction
     * @param survivor a live customer ({@link #liveSurvivor})
     * @param actor who asks
     * @return the export
     */
    public PersonalDataExport export(DSLContext dsl, UUID survivor, Principal actor) {
        PersonalDataExport export = PersonalDataExport.of(dsl, survivor, clock.instant());
        audit.record(dsl, actor, "customer.export", survivor.toString(), "");
        return export;
    }

    /**
     * Erases the person an id resolves to ({@link CustomerErasure}); audited as {@code customer.erase} with the
     * id only. Erasing an erased customer again changes nothing.
     *
     * @param dsl the transaction
     * @param id any customer id, merged ones included (the survivor is erased)
     * @param actor who asks
     * @throws ProblemException 404 when there is no such customer
     */
    public void erase(DSLContext dsl, UUID id, Principal actor) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            UUID survivor = customers.survivorOf(dsl, id)
                    .orElseThrow(() -> ProblemException.notFound("no customer with id '" + id + "'"));
            List<CustomerRecord> locked = customers.lock(dsl, Set.of(survivor));
            if (locked.size() != 1 || locked.get(0).getMergedInto() != null) {
                continue; // merged meanwhile: follow it again
            }
            if (locked.get(0).getErasedAt() == null) {
                CustomerErasure.erase(dsl, survivor, clock.instant());
                audit.record(dsl, actor, "customer.erase", survivor.toString(), "");
            }
            return;
        }
        throw new IllegalStateException("customer " + id + " kept being merged while erasing it");
    }

    private static Set<String> nullKeys(Map<String, Object> attributes) {
        return attributes.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static ProblemException tooManyAttributes() {
        return ProblemException.badField("attributes", "a customer keeps at most " + MAX_ATTRIBUTES
                + " attribute keys; remove some (a null value removes a key)");
    }
}
