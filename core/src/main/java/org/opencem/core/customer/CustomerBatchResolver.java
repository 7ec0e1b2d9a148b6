package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * Resolves the customers of many sightings in one transaction, for the ingest writer. The common cases cost a
 * few statements for the whole group: every identity known and all of one customer, no attributes to set (one
 * identity lookup, one lock, one batched update of seen times), and identities the store does not know at all
 * (two batched inserts). The rest (merges, new identities of known customers, attributes) goes through
 * {@link CustomerResolver} one sighting at a time, in order, after those.
 */
@Singleton
public final class CustomerBatchResolver {

    private final CustomerRepository customers;
    private final CustomerResolver resolver;
    private final Clock clock;

    @Inject
    CustomerBatchResolver(CustomerRepository customers, CustomerResolver resolver, Clock clock) {
        this.customers = customers;
        this.resolver = resolver;
        this.clock = clock;
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
        Map<Identity, Draft> claimed = new HashMap<>();
        List<Draft> drafts = new ArrayList<>();
        TreeSet<Integer> others = new TreeSet<>();
        for (int i = 0; i < sightings.size(); i++) {
            Sighting sighting = sightings.get(i);
            UUID owner = soleOwner(sighting, owners);
            if (owner != null) {
                known.computeIfAbsent(owner, c -> new ArrayList<>()).add(i);
                continue;
            }
            Draft draft = sighting.identities().stream().anyMatch(owners::containsKey) ? null : draft(sighting, claimed, drafts);
            if (draft == null) {
                others.add(i);
            } else {
                result[i] = draft.id;
            }
        }
        if (!drafts.isEmpty()) {
            customers.insertAll(dsl, drafts.stream().map(Draft::customer).toList(), now());
        }
        if (!known.isEmpty()) {
            Map<UUID, Instant[]> widened = new HashMap<>();
            for (CustomerRecord record : customers.lock(dsl, known.keySet())) {
                if (record.getMergedInto() != null || record.getErasedAt() != null) {
                    continue; // changed since the lookup: resolved below like a new sighting
                }
                List<Integer> seen = known.remove(record.getId());
                seen.forEach(i -> result[i] = record.getId());
                widen(record, seen, sightings).ifPresent(span -> widened.put(record.getId(), span));
            }
            customers.updateSeen(dsl, widened);
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

    /**
     * A sighting of identities the store does not know becomes a new customer, or joins the one an earlier
     * sighting of the group drafted when it names only that draft's identities and sets no attributes.
     *
     * @return the draft it belongs to, or null when it must go through the resolver (it names several drafts)
     */
    private static Draft draft(Sighting sighting, Map<Identity, Draft> claimed, List<Draft> drafts) {
        Set<Draft> claimants = new HashSet<>();
        boolean unclaimed = false;
        for (Identity identity : sighting.identities()) {
            Draft claimant = claimed.get(identity);
            if (claimant == null) {
                unclaimed = true;
            } else {
                claimants.add(claimant);
            }
        }
        if (claimants.isEmpty()) {
            Draft draft = new Draft(sighting);
            sighting.identities().forEach(identity -> claimed.put(identity, draft));
            drafts.add(draft);
            return draft;
        }
        if (claimants.size() == 1 && !unclaimed && sighting.attributes().isEmpty()) {
            Draft draft = claimants.iterator().next();
            draft.seen(sighting.seenAt());
            return draft;
        }
        return null;
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

    /** @return the customer's first and last seen widened by the sightings, when they change */
    private static Optional<Instant[]> widen(CustomerRecord record, List<Integer> seen, List<Sighting> sightings) {
        Instant first = record.getFirstSeen();
        Instant last = record.getLastSeen();
        for (int i : seen) {
            Instant at = sightings.get(i).seenAt();
            first = at.isBefore(first) ? at : first;
            last = at.isAfter(last) ? at : last;
        }
        boolean changed = !first.equals(record.getFirstSeen()) || !last.equals(record.getLastSeen());
        return changed ? Optional.of(new Instant[] {first, last}) : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new customer gathered from the sightings of a group, created with one batched insert. */
    private static final class Draft {

        private final UUID id = UUID.randomUUID();
        private final Sighting first;
        private Instant firstSeen;
        private Instant lastSeen;

        Draft(Sighting first) {
            this.first = first;
            this.firstSeen = first.seenAt();
            this.lastSeen = first.seenAt();
        }

        void seen(Instant at) {
            firstSeen = at.isBefore(firstSeen) ? at : firstSeen;
            lastSeen = at.isAfter(lastSeen) ? at : lastSeen;
        }

        CustomerRepository.NewCustomer customer() {
            return new CustomerRepository.NewCustomer(id, first.identities(), first.attributes(), firstSeen, lastSeen);
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
