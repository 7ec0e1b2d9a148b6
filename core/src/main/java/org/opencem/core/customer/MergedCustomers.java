package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The customer rows merged into a survivor, directly or through earlier merges (A absorbed B, which had
 * absorbed C: both B and C). Everything but their stored attributes moved to the survivor when they merged.
 */
final class MergedCustomers {

    private MergedCustomers() {
    }

    /**
     * Follows {@code merged_into} backwards one level per query (index {@code customer_merged_into_ix}).
     *
     * @param dsl a context
     * @param survivor a customer id
     * @return the ids merged into it, nearest first; empty when none
     */
    static List<UUID> into(DSLContext dsl, UUID survivor) {
        Set<UUID> found = new LinkedHashSet<>();
        List<UUID> level = List.of(survivor);
        while (!level.isEmpty()) {
            List<UUID> next = new ArrayList<>();
            for (UUID id : dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.MERGED_INTO.in(level)).orderBy(CUSTOMER.ID)
                    .fetch(CUSTOMER.ID)) {
                if (!id.equals(survivor) && found.add(id)) {
                    next.add(id);
                }
            }
            level = next;
        }
        return List.copyOf(found);
    }
}
