package org.opencem.core.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.customer.CustomerBatchResolver;
import org.opencem.core.customer.CustomerBatchResolver.Sighting;
import org.opencem.core.customer.CustomerRepository;

/**
 * Events as the {@link GroupCommitWriter} stores them: a write is one request's events, and a group of writes is
 * stored in one transaction: tells resends and conflicts from new events (also within the group), resolves the
 * customers of the new ones, registers their touchpoints and inserts them.
 */
@Singleton
final class IngestTransaction implements GroupCommitWriter.Kind<List<EventRequest>, List<EventOutcome>> {

    private static final int STORED = -1;
    private static final int CONFLICT = -2;

    private final InteractionRepository interactions;
    private final CustomerBatchResolver resolver;
    private final CustomerRepository customers;
    private final Touchpoints touchpointKeys;

    @Inject
    IngestTransaction(InteractionRepository interactions, CustomerBatchResolver resolver, CustomerRepository customers,
                      Touchpoints touchpointKeys) {
        this.interactions = interactions;
        this.resolver = resolver;
        this.customers = customers;
        this.touchpointKeys = touchpointKeys;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public int size(List<EventRequest> events) {
        return events.size();
    }

    @Override
    public String key(List<EventRequest> events) {
        return events.get(0).id();
    }

    /**
     * @param dsl the transaction
     * @param writes the group's writes, each a list of events
     * @param recordedAt the time of the write
     * @return each write's outcomes, in order; touchpoint keys are remembered once committed
     */
    @Override
    public GroupCommitWriter.Stored<List<EventOutcome>> store(DSLContext dsl, List<List<EventRequest>> writes,
                                                             Instant recordedAt) {
        Set<String> ids = new LinkedHashSet<>();
        writes.forEach(events -> events.forEach(e -> ids.add(e.id())));
        Map<String, InteractionRepository.Stored> stored = interactions.find(dsl, ids);
        Map<String, Integer> firstInGroup = new HashMap<>();
        List<EventRequest> fresh = new ArrayList<>();
        // Per event, in order: the index of the fresh event it creates or repeats, or STORED, or CONFLICT.
        List<Integer> plan = new ArrayList<>();
        for (List<EventRequest> events : writes) {
            for (EventRequest event : events) {
                Integer earlier = firstInGroup.get(event.id());
                if (earlier != null) {
                    boolean same = fresh.get(earlier).bodyHash().equals(event.bodyHash());
                    plan.add(same ? earlier : CONFLICT);
                } else if (stored.containsKey(event.id())) {
                    plan.add(STORED);
                } else {
                    firstInGroup.put(event.id(), fresh.size());
                    plan.add(fresh.size());
                    fresh.add(event);
                }
            }
        }
        List<UUID> owners = resolver.resolveAll(dsl, fresh.stream()
                .map(e -> new Sighting(e.identities(), e.attributes(), e.occurredAt())).toList());
        Set<String> touchpoints = new LinkedHashSet<>();
        fresh.forEach(e -> touchpoints.add(e.touchpoint()));
        touchpointKeys.register(dsl, touchpoints, recordedAt);
        if (!fresh.isEmpty()) {
            interactions.insert(dsl, fresh, owners, recordedAt);
        }

        Map<UUID, UUID> survivors = new HashMap<>();
        List<List<EventOutcome>> outcomes = new ArrayList<>(writes.size());
        int next = 0;
        Set<Integer> created = new HashSet<>();
        for (List<EventRequest> events : writes) {
            List<EventOutcome> results = new ArrayList<>(events.size());
            for (EventRequest event : events) {
                int target = plan.get(next++);
                if (target >= 0) {
                    results.add(created.add(target) ? EventOutcome.created(owners.get(target))
                            : EventOutcome.duplicate(owners.get(target)));
                } else if (target == STORED && stored.get(event.id()).bodyHash().equals(event.bodyHash())) {
                    UUID customer = stored.get(event.id()).customerId();
                    results.add(EventOutcome.duplicate(survivors.computeIfAbsent(customer,
                            c -> customers.survivorOf(dsl, c).orElse(c))));
                } else {
                    results.add(EventOutcome.conflict());
                }
            }
            outcomes.add(results);
        }
        return new GroupCommitWriter.Stored<>(outcomes, () -> touchpointKeys.committed(touchpoints));
    }
}
