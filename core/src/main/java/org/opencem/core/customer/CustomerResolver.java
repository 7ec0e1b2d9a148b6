package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.opencem.core.store.ContentionException;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * Finds the one customer a set of identities names: creates it when none does, adds the identities it
 * lacks, and merges customers when the identities name several. Blocking: call from worker threads, inside
 * the caller's transaction (its {@link DSLContext}).
 *
 * <p>Concurrency. Customers involved are locked ({@code SELECT ... FOR UPDATE}, in id order, so overlapping
 * resolutions cannot deadlock), then re-checked: one merged meanwhile restarts the resolution. A new identity
 * is inserted relying on the unique key {@code customer_identity_uk}; losing that race to a concurrent
 * transaction (which has committed by then) restarts the resolution, which now finds the winner's customer,
 * and the customer this attempt created is deleted again (after a short pause that H2 needs, explained at the pause). So concurrent
 * creators of one identity give one customer. A resolution that keeps losing fails with an
 * {@link IllegalStateException}, which the caller may retry in a new transaction.
 */
@Singleton
public final class CustomerResolver {

    private static final int MAX_ATTEMPTS = 8;
    /** The older profile survives; the id only breaks ties, compared as text so every database agrees. */
    private static final Comparator<CustomerRecord> AGE = Comparator.comparing(CustomerRecord::getCreatedAt)
            .thenComparing(r -> r.getId().toString());

    private final CustomerRepository customers;
    private final Clock clock;

    @Inject
    public CustomerResolver(CustomerRepository customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * @param dsl the transaction
     * @param identities normalized identities (see {@link IdentityNormalizer}), at least one
     * @param attributes attributes to set; they overwrite the customer's values of the same keys
     * @param seenAt when the identities were seen, widening the customer's first and last seen
     * @return the customer and what was done to find it
     */
    public Resolution resolve(DSLContext dsl, List<Identity> identities, Map<String, Object> attributes, Instant seenAt) {
        return resolve(dsl, identities, attributes, seenAt, true);
    }

    /**
     * Like {@link #resolve}, for what is known about customers without having seen them (an import): the
     * customers found keep their first and last seen (merges still combine those of the merged profiles),
     * and a customer created is first and last seen now.
     *
     * @param dsl the transaction
     * @param identities normalized identities (see {@link IdentityNormalizer}), at least one
     * @param attributes attributes to set; they overwrite the customer's values of the same keys
     * @return the customer and what was done to find it
     */
    public Resolution resolveWithoutSighting(DSLContext dsl, List<Identity> identities, Map<String, Object> attributes) {
        return resolve(dsl, identities, attributes, clock.instant(), false);
    }

    private Resolution resolve(DSLContext dsl, List<Identity> identities, Map<String, Object> attributes, Instant seenAt,
                               boolean sighting) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("at least one identity is needed to resolve a customer");
        }
        Set<Identity> wanted = new LinkedHashSet<>(identities);
        Instant seen = seenAt.truncatedTo(ChronoUnit.MICROS);
        List<UUID> merged = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<Identity, UUID> owners = customers.owners(dsl, wanted);
            Set<UUID> owning = new LinkedHashSet<>(owners.values());
            UUID target;
            boolean created;
            Map<String, Object> profile;
            Instant firstSeen;
            Instant lastSeen;
            if (owning.isEmpty()) {
                target = customers.insert(dsl, attributes, seen, now());
                created = true;
                profile = null;
                firstSeen = seen;
                lastSeen = seen;
            } else {
                List<CustomerRecord> locked = customers.lock(dsl, owning);
                if (locked.size() != owning.size()
                        || locked.stream().anyMatch(r -> r.getMergedInto() != null || r.getErasedAt() != null)) {
                    continue; // merged, erased or deleted since we read the identities: read them again
                }
                locked.sort(AGE);
                CustomerRecord survivor = locked.get(0);
                profile = CustomerRepository.attributes(survivor.getAttributes());
                firstSeen = survivor.getFirstSeen();
                lastSeen = survivor.getLastSeen();
                for (CustomerRecord other : locked.subList(1, locked.size())) {
                    absorb(dsl, survivor.getId(), other, profile, "identities shared: " + sharedTypes(owners, other.getId()));
                    firstSeen = min(firstSeen, other.getFirstSeen());
                    lastSeen = max(lastSeen, other.getLastSeen());
                    merged.add(other.getId());
                }
                target = survivor.getId();
                created = false;
            }
            if (!addMissing(dsl, target, wanted, owners)) {
                if (created) {
                    customers.deleteUnreferenced(dsl, target);
                } else if (!merged.isEmpty()) {
                    // The merges are kept (they are right); write what they gathered before trying again.
                    customers.update(dsl, target, profile, firstSeen, lastSeen);
                }
                backOff(attempt);
                continue;
            }
            if (!created) {
                profile.putAll(attributes);
                customers.update(dsl, target, profile, sighting ? min(firstSeen, seen) : firstSeen,
                        sighting ? max(lastSeen, seen) : lastSeen);
            }
            return new Resolution(target, created, merged);
        }
        // No identity values in the message: it may be logged, and they are personal data.
        throw new ContentionException(wanted.size() + " identities kept changing hands after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Merges two customers (for a manual merge): the older survives, whichever order they are given in.
     *
     * @param dsl the transaction
     * @param first a customer id (merged ids are followed to their survivor)
     * @param second another customer id
     * @param reason why, recorded with the merge (at most 200 characters kept)
     * @return the survivor and the customer merged into it; nothing merged when both already are one
     * @throws IllegalArgumentException if either id does not exist
     */
    public Resolution merge(DSLContext dsl, UUID first, UUID second, String reason) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            UUID a = customers.survivorOf(dsl, first).orElseThrow(() -> new IllegalArgumentException("unknown customer " + first));
            UUID b = customers.survivorOf(dsl, second).orElseThrow(() -> new IllegalArgumentException("unknown customer " + second));
            if (a.equals(b)) {
                return new Resolution(a, false, List.of());
            }
            List<CustomerRecord> locked = customers.lock(dsl, Set.of(a, b));
            if (locked.size() != 2 || locked.stream().anyMatch(r -> r.getMergedInto() != null)) {
                continue;
            }
            locked.sort(AGE);
            CustomerRecord survivor = locked.get(0);
            CustomerRecord other = locked.get(1);
            Map<String, Object> profile = CustomerRepository.attributes(survivor.getAttributes());
            absorb(dsl, survivor.getId(), other, profile, reason);
            customers.update(dsl, survivor.getId(), profile, min(survivor.getFirstSeen(), other.getFirstSeen()),
                    max(survivor.getLastSeen(), other.getLastSeen()));
            return new Resolution(survivor.getId(), false, List.of(other.getId()));
        }
        throw new ContentionException("customers " + first + " and " + second + " kept changing while merging");
    }

    /** Moves everything of {@code other} to the survivor; the survivor's profile gains the keys it lacks. */
    private void absorb(DSLContext dsl, UUID survivor, CustomerRecord other, Map<String, Object> profile, String reason) {
        customers.moveEverything(dsl, other.getId(), survivor);
        CustomerRepository.attributes(other.getAttributes()).forEach(profile::putIfAbsent);
        customers.markMerged(dsl, other.getId(), survivor, reason, now());
    }

    /** @return false when a concurrent transaction took one of the identities first */
    private boolean addMissing(DSLContext dsl, UUID customer, Set<Identity> wanted, Map<Identity, UUID> owners) {
        Instant now = now();
        for (Identity identity : wanted) {
            if (!owners.containsKey(identity) && !customers.insertIdentity(dsl, customer, identity, now)) {
                return false;
            }
        }
        return true;
    }

    /** The identity types (never values: the reason must not hold personal data) that led to a merge. */
    private static String sharedTypes(Map<Identity, UUID> owners, UUID merged) {
        return owners.entrySet().stream()
                .filter(e -> e.getValue().equals(merged))
                .map(e -> e.getKey().type())
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /**
     * H2 refuses a duplicate key as soon as another transaction has inserted it, committed or not, and our
     * next read only sees it once committed; a short, growing pause (1 to 64 ms, 127 ms in all) gives the
     * winner time to commit. PostgreSQL never needs it: its insert already waited for the winner.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(1L << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving a customer", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
