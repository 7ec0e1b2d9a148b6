package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.INTERACTION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * A customer's journey: its interactions oldest first, consecutive ones at the same touchpoint and channel
 * collapsed into one step.
 *
 * @param customerId the customer
 * @param steps the steps, oldest first
 * @param truncated whether older interactions than the {@code interactionsRead} latest were left out
 * @param interactionsRead how many interactions the steps hold
 */
public record Journey(UUID customerId, List<Step> steps, boolean truncated, int interactionsRead) {

    /** The most interactions a journey reads: the latest ones, so an old, busy customer still answers quickly. */
    public static final int MAX_INTERACTIONS = 10_000;

    public Journey {
        steps = List.copyOf(steps);
    }

    /**
     * Interactions in a row at one place.
     *
     * @param touchpoint the touchpoint key
     * @param channel the channel
     * @param firstAt the first interaction's time
     * @param lastAt the last interaction's time
     * @param interactions how many
     */
    public record Step(String touchpoint, String channel, Instant firstAt, Instant lastAt, int interactions) {
    }

    /**
     * @param dsl a context
     * @param customerId a live customer
     * @param maxInteractions the most interactions to read (the latest), {@link #MAX_INTERACTIONS} in the API
     * @return its journey
     */
    static Journey of(DSLContext dsl, UUID customerId, int maxInteractions) {
        List<Record3<String, String, Instant>> latest = dsl
                .select(INTERACTION.TOUCHPOINT_KEY, INTERACTION.CHANNEL, INTERACTION.OCCURRED_AT)
                .from(INTERACTION)
                .where(INTERACTION.CUSTOMER_ID.eq(customerId))
                .orderBy(INTERACTION.OCCURRED_AT.desc(), INTERACTION.ID.desc())
                .limit(maxInteractions + 1)
                .fetch();
        boolean truncated = latest.size() > maxInteractions;
        List<Record3<String, String, Instant>> read = truncated ? latest.subList(0, maxInteractions) : latest;
        List<Step> steps = new ArrayList<>();
        for (int i = read.size() - 1; i >= 0; i--) {
            Record3<String, String, Instant> r = read.get(i);
            Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (last != null && last.touchpoint().equals(r.value1()) && last.channel().equals(r.value2())) {
                steps.set(steps.size() - 1, new Step(last.touchpoint(), last.channel(), last.firstAt(), r.value3(),
                        last.interactions() + 1));
            } else {
                steps.add(new Step(r.value1(), r.value2(), r.value3(), r.value3(), 1));
            }
        }
        return new Journey(customerId, steps, truncated, read.size());
    }
}
