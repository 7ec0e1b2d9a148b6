package org.opencem.core.store;

import java.util.Collection;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@code field IN (...)} for long lists of values (a group of ingested events, their identities). The values are
 * written into the statement as literals (escaped by jOOQ): H2 checks each row against a list of bind parameters
 * one value at a time, so k parameters cost k² comparisons, while a list of literals becomes a hash set.
 */
public final class InList {

    private InList() {
    }

    /**
     * @param field the column
     * @param values its values, at least one
     * @param <T> the column type
     * @return the condition
     */
    public static <T> Condition of(Field<T> field, Collection<? extends T> values) {
        return field.in(values.stream().map(v -> DSL.inline(v, field)).toList());
    }
}
