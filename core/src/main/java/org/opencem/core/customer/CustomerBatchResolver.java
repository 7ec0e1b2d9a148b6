package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * Resolves the customers of many sightings in one transaction, for the ingest writer. The common case (every
 * identity already known, all of one customer, no attributes to set) costs one identity lookup and one lock
 * for the whole group; the rest goes through {@link CustomerResolver} one sighting at a time, in order.
 */
@Singleton
public final class CustomerBatchResolver {

    private final CustomerRepository customers;
    private final CustomerResolver resolver;

    @Inject
    CustomerBatchResolver(CustomerRepository customers, CustomerResolver resolver) {
        this.customers = customers;
        this.resolver = resolver;
    }

    /**
     * A customer seen somewhere.
     *
     * @param identities normalized identities, at least one
     * @param attributes attributes to set, often none
     * @param seenAt when
     */
    public record Sighting(List<Identity> identities, Map<String, Object> attributes, Instant seenAt) {
    }

    /**
     * @param dsl the transaction
     * @param sightings what was seen, in order
     * @return the surviving customer of each sighting, in the same order
     */
    public List<UUID> resolveAll(DSLContext dsl, List<Sighting> sightings) {
        Set<Identity> all = new LinkedHashSet<>();
        sightings.forEach(s -> all.addAll(s.identities()));
        Map<Identity, UUID> owners = customers.owners(dsl, all);
        UUID[] result = new UUID[sightings.size()];
        Map<UUID, List<Integer>> known = new LinkedHashMap<>();
        TreeSet<Integer> others = new TreeSet<>();
        for (int i = 0; i < sightings.size(); i++) {
            UUID owner = soleOwner(sightings.get(i), owners);
            if (owner == null) {
                others.add(i);
            } else {
                known.computeIfAbsent(owner, c -> new ArrayList<>()).add(i);
            }
        }
        if (!known.isEmpty()) {
            for (CustomerRecord record : customers.lock(dsl, known.keySet())) {
                if (record.getMergedInto() != null || record.getErasedAt() != null) {
                    continue; // changed since the lookup: resolved below like a new sighting
                }
                List<Integer> seen = known.remove(record.getId());
                seen.forEach(i -> result[i] = record.getId());
                widenSeen(dsl, record, seen, sightings);
            }
            known.values().forEach(others::addAll);
        }
        Map<UUID, UUID> mergedInto = new HashMap<>();
        for (int i : others) {
            Sighting sighting = sightings.get(i);
            Resolution resolution = resolver.resolve(dsl, sighting.identities(), sighting.attributes(), sighting.seenAt());
            result[i] = resolution.customerId();
            resolution.merged().forEach(merged -> mergedInto.put(merged, resolution.customerId()));
        }
        List<UUID> ids = new ArrayList<>(result.length);
        for (UUID id : result) {
            ids.add(survivor(id, mergedInto));
        }
        return ids;
    }

    /** @return the customer owning every identity of the sighting, when it sets no attributes and there is one */
    private static UUID soleOwner(Sighting sighting, Map<Identity, UUID> owners) {
        if (!sighting.attributes().isEmpty()) {
            return null;
        }
        UUID owner = null;
        for (Identity identity : sighting.identities()) {
            UUID current = owners.get(identity);
            if (current == null || owner != null && !owner.equals(current)) {
                return null;
            }
            owner = current;
        }
        return owner;
    }

    private void widenSeen(DSLContext dsl, CustomerRecord record, List<Integer> seen, List<Sighting> sightings) {
        Instant first = record.getFirstSeen();
        Instant last = record.getLastSeen();
        for (int i : seen) {
            Instant at = sightings.get(i).seenAt();
            first = at.isBefore(first) ? at : first;
            last = at.isAfter(last) ? at : last;
        }
        if (!first.equals(record.getFirstSeen()) || !last.equals(record.getLastSeen())) {
            customers.updateSeen(dsl, record.getId(), first, last);
        }
    }

    /** A customer merged by a later sighting of the same group belongs to that sighting's survivor. */
    private static UUID survivor(UUID id, Map<UUID, UUID> mergedInto) {
        UUID current = id;
        while (mergedInto.containsKey(current)) {
            current = mergedInto.get(current);
        }
        return current;
    }
}
