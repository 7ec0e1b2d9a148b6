package org.opencem.core.ingest;

import static org.opencem.core.store.schema.Tables.TOUCHPOINT;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * The touchpoint entities of the keys ingested writes name (events, responses): every key a write names exists as
 * a touchpoint (named after its key) that reports and a hierarchy can refer to. Blocking: call from the writer's
 * threads, inside its transaction.
 */
@Singleton
public final class Touchpoints {

    /** Keys known to exist; a key is looked up in the store only the first time it is seen. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Registers the keys not seen before.
     *
     * @param dsl the writer's transaction
     * @param keys touchpoint keys
     * @param at the time of the write
     */
    public void register(DSLContext dsl, Collection<String> keys, Instant at) {
        for (String key : keys) {
            if (known.contains(key)) {
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
    public void committed(Collection<String> keys) {
        known.addAll(keys);
    }
}
