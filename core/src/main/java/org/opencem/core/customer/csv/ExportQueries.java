package org.opencem.core.customer.csv;

import static org.opencem.core.store.schema.Tables.CUSTOMER;
import static org.opencem.core.store.schema.Tables.CUSTOMER_IDENTITY;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.opencem.core.customer.CustomerRepository;
import org.opencem.core.store.schema.tables.records.CustomerRecord;

/**
 * The export's reads (blocking): which columns it needs, then customers a page at a time in id order
 * (keyset paging), so no more than a page of customers is ever in memory. Merged and erased customers are
 * left out.
 */
@Singleton
final class ExportQueries {

    private static final Condition LIVE = CUSTOMER.MERGED_INTO.isNull().and(CUSTOMER.ERASED_AT.isNull());

    /**
     * Attribute keys found in a page of customers.
     *
     * @param keys the keys
     * @param last the last customer id of the page when it was full (more may follow)
     */
    record KeyPage(Set<String> keys, Optional<UUID> last) {
    }

    /** @param dsl a context @return the identity types live customers have */
    List<String> identityTypes(DSLContext dsl) {
        return dsl.selectDistinct(CUSTOMER_IDENTITY.ID_TYPE)
                .from(CUSTOMER_IDENTITY)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_IDENTITY.CUSTOMER_ID))
                .where(LIVE)
                .fetch(Record1::value1);
    }

    /**
     * Reads only the attributes column, and keeps only the keys.
     *
     * @param dsl a context
     * @param after the last id of the previous page, if any
     * @param size the page size
     * @return the keys of the page's customers
     */
    KeyPage attributeKeys(DSLContext dsl, Optional<UUID> after, int size) {
        var rows = dsl.select(CUSTOMER.ID, CUSTOMER.ATTRIBUTES)
                .from(CUSTOMER)
                .where(LIVE.and(after(after)))
                .orderBy(CUSTOMER.ID)
                .limit(size)
                .fetch();
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(row -> keys.addAll(CustomerRepository.attributes(row.value2()).keySet()));
        return new KeyPage(keys, rows.size() < size ? Optional.empty() : Optional.of(rows.get(rows.size() - 1).value1()));
    }

    /**
     * @param dsl a context
     * @param after the last id of the previous page, if any
     * @param size the page size
     * @return the next customers in id order, with their identities
     */
    List<ExportedCustomer> page(DSLContext dsl, Optional<UUID> after, int size) {
        List<CustomerRecord> customers = dsl.selectFrom(CUSTOMER)
                .where(LIVE.and(after(after)))
                .orderBy(CUSTOMER.ID)
                .limit(size)
                .fetch();
        Map<UUID, Map<String, List<String>>> identities = new HashMap<>();
        if (!customers.isEmpty()) {
            dsl.select(CUSTOMER_IDENTITY.CUSTOMER_ID, CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE)
                    .from(CUSTOMER_IDENTITY)
                    .where(CUSTOMER_IDENTITY.CUSTOMER_ID.in(customers.stream().map(CustomerRecord::getId).toList()))
                    .orderBy(CUSTOMER_IDENTITY.ID_TYPE, CUSTOMER_IDENTITY.ID_VALUE)
                    .forEach(r -> identities.computeIfAbsent(r.value1(), id -> new LinkedHashMap<>())
                            .computeIfAbsent(r.value2(), type -> new ArrayList<>()).add(r.value3()));
        }
        return customers.stream().map(c -> new ExportedCustomer(c.getId(), c.getCreatedAt(), c.getFirstSeen(),
                c.getLastSeen(), identities.getOrDefault(c.getId(), Map.of()),
                CustomerRepository.attributes(c.getAttributes()))).toList();
    }

    private static Condition after(Optional<UUID> after) {
        return after.map(CUSTOMER.ID::gt).orElse(DSL.noCondition());
    }
}
