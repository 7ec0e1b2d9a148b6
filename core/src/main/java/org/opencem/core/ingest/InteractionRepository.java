package org.opencem.core.ingest;

import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.TOUCHPOINT;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.opencem.core.store.InList;
import org.opencem.core.store.schema.tables.records.InteractionRecord;

/**
 * Interactions and touchpoints in the store, written in groups. Blocking: call from the writer's threads,
 * inside its transaction.
 */
@Singleton
final class InteractionRepository {

    /** Touchpoint keys known to exist; a key is looked up in the store only the first time it is seen. */
    private final Set<String> knownTouchpoints = ConcurrentHashMap.newKeySet();

    /**
     * An interaction stored before.
     *
     * @param bodyHash the hash of the event it was stored from
     * @param customerId the customer it was stored for (possibly merged since)
     */
    record Stored(String bodyHash, UUID customerId) {
    }

    /** @return the stored interactions among the event ids, by event id */
    Map<String, Stored> find(DSLContext dsl, Collection<String> eventIds) {
        Map<String, Stored> stored = new HashMap<>();
        dsl.select(INTERACTION.EVENT_ID, INTERACTION.BODY_HASH, INTERACTION.CUSTOMER_ID)
                .from(INTERACTION)
                .where(InList.of(INTERACTION.EVENT_ID, eventIds))
                .forEach(r -> stored.put(r.value1(), new Stored(r.value2(), r.value3())));
        return stored;
    }

    /** Inserts the events with one batched statement. */
    void insert(DSLContext dsl, List<EventRequest> events, List<UUID> customers, Instant recordedAt) {
        InteractionRecord[] records = new InteractionRecord[events.size()];
        for (int i = 0; i < records.length; i++) {
            EventRequest event = events.get(i);
            InteractionRecord record = new InteractionRecord();
            record.setEventId(event.id());
            record.setBodyHash(event.bodyHash());
            record.setCustomerId(customers.get(i));
            record.setEventType(event.type());
            record.setChannel(event.channel());
            record.setTouchpointKey(event.touchpoint());
            record.setOccurredAt(event.occurredAt());
            record.setAmount(event.amount().orElse(null));
            record.setCurrency(event.currency().orElse(null));
            record.setProperties(event.properties());
            record.setRecordedAt(recordedAt);
            records[i] = record;
        }
        dsl.batchInsert(records).execute();
    }

    /**
     * Registers touchpoint keys not seen before (named after their key), so every touchpoint an event names
     * exists as an entity that reports and a hierarchy can refer to.
     */
    void registerTouchpoints(DSLContext dsl, Collection<String> keys, Instant at) {
        for (String key : keys) {
            if (knownTouchpoints.contains(key)) {
                continue;
            }
            dsl.insertInto(TOUCHPOINT)
                    .set(TOUCHPOINT.ID, UUID.randomUUID())
                    .set(TOUCHPOINT.TOUCHPOINT_KEY, key)
                    .set(TOUCHPOINT.NAME, key)
                    .set(TOUCHPOINT.CREATED_AT, at)
                    .onConflict(TOUCHPOINT.TOUCHPOINT_KEY).doNothing()
                    .execute();
        }
    }

    /** Remembers keys once their transaction committed (a rolled-back insert must be tried again). */
    void touchpointsCommitted(Collection<String> keys) {
        knownTouchpoints.addAll(keys);
    }
}
