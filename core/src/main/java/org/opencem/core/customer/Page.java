package org.opencem.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items of the page
 * @param next the cursor of the following page; {@code null} (written as JSON null) on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {

    public Page {
        items = List.copyOf(items);
    }
}
