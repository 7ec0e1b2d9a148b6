package org.opencem.bench;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.opencem.core.store.schema.Indexes;
import org.opencem.core.store.schema.Keys;

/**
 * The indexes a bulk load of responses would write in random order, dropped before it and created after it, as
 * the migrations define them (jOOQ's generated keys and indexes). Responses come in time order but their
 * customers do not, so every batch would rewrite pages all over the customer indexes of {@code response}, and
 * H2's store grew by about 8 GB per million responses (old chunks keep a few live pages each and are not freed),
 * where building the indexes once at the end writes each page once. Foreign keys are declared before the other
 * indexes on their columns: H2 then gives each its own index, as it did when the migrations ran.
 */
final class DeferredIndexes {

    private static final List<ForeignKey<?, ?>> FOREIGN_KEYS = List.of(Keys.RESPONSE_CUSTOMER_FK,
            Keys.CUSTOMER_METRIC_STATE_RESPONSE_FK);
    private static final List<Index> INDEXES = List.of(Indexes.RESPONSE_CUSTOMER_TIME_IX,
            Indexes.CUSTOMER_METRIC_STATE_RESPONSE_IX, Indexes.CUSTOMER_METRIC_STATE_CATEGORY_IX);

    private DeferredIndexes() {
    }

    /** Drops the indexes, and the foreign keys with the indexes H2 made for them. */
    static void drop(DSLContext dsl) {
        for (Index index : INDEXES) {
            dsl.dropIndex(index.getName()).on(index.getTable()).execute();
        }
        for (ForeignKey<?, ?> key : FOREIGN_KEYS) {
            dsl.alterTable(key.getTable()).dropConstraint(key.getName()).execute();
        }
    }

    /** Declares the foreign keys again (H2 checks every row), then creates the indexes. */
    static void create(DSLContext dsl) {
        for (ForeignKey<?, ?> key : FOREIGN_KEYS) {
            dsl.alterTable(key.getTable()).add(key.constraint()).execute();
        }
        for (Index index : INDEXES) {
            dsl.createIndex(index.getName()).on(index.getTable(), index.getFields()).execute();
        }
    }
}
