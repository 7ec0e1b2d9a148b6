package org.opencem.core.ingest;

import static org.opencem.core.store.schema.Tables.INTERACTION;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.opencem.core.store.InList;

/**
 * Interactions in the store, written in groups. Blocking: call from the writer's threads,
 * inside its transaction.
 */
@Singleton
final class InteractionRepository {

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

    /** Inserts the events with one prepared statement, bound once per event (its SQL is rendered once). */
    void insert(DSLContext dsl, List<EventRequest> events, List<UUID> customers, Instant recordedAt) {
        BatchBindStep batch = dsl.batch(dsl.insertInto(INTERACTION, INTERACTION.EVENT_ID, INTERACTION.BODY_HASH,
                INTERACTION.CUSTOMER_ID, INTERACTION.EVENT_TYPE, INTERACTION.CHANNEL, INTERACTION.TOUCHPOINT_KEY,
                INTERACTION.OCCURRED_AT, INTERACTION.AMOUNT, INTERACTION.CURRENCY, INTERACTION.PROPERTIES,
                INTERACTION.RECORDED_AT).values((String) null, null, null, null, null, null, null, null, null, null, null));
        for (int i = 0; i < events.size(); i++) {
            EventRequest event = events.get(i);
            batch.bind(event.id(), event.bodyHash(), customers.get(i), event.type(), event.channel(), event.touchpoint(),
                    event.occurredAt(), event.amount().orElse(null), event.currency().orElse(null), event.properties(),
                    recordedAt);
        }
        batch.execute();
    }
}
