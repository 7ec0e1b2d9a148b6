package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.INTERACTION;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A customer's interactions counted, in all and by channel and by touchpoint.
 *
 * @param interactions how many
 * @param byChannel channel to count, channels sorted
 * @param byTouchpoint touchpoint key to count, keys sorted
 */
public record InteractionCounts(long interactions, Map<String, Long> byChannel, Map<String, Long> byTouchpoint) {

    /**
     * One query grouped by channel and touchpoint (served by the index {@code interaction_customer_place_ix}
     * alone); the three views are summed from its rows.
     *
     * @param dsl a context
     * @param customerId a survivor (interactions always move to the survivor of a merge)
     * @return its counts
     */
    static InteractionCounts of(DSLContext dsl, UUID customerId) {
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byTouchpoint = new TreeMap<>();
        long total = 0;
        for (var row : dsl.select(INTERACTION.CHANNEL, INTERACTION.TOUCHPOINT_KEY, DSL.count())
                .from(INTERACTION)
                .where(INTERACTION.CUSTOMER_ID.eq(customerId))
                .groupBy(INTERACTION.CHANNEL, INTERACTION.TOUCHPOINT_KEY)
                .fetch()) {
            long n = row.value3();
            total += n;
            byChannel.merge(row.value1(), n, Long::sum);
            byTouchpoint.merge(row.value2(), n, Long::sum);
        }
        return new InteractionCounts(total, byChannel, byTouchpoint);
    }
}
