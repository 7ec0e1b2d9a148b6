package org.opencem.core.customer;

import java.util.List;
import java.util.UUID;

/**
 * What resolving a set of identities did.
 *
 * @param customerId the customer the identities now name (always a survivor)
 * @param created whether that customer was created by this resolution
 * @param merged the customers merged into it by this resolution, in merge order
 */
public record Resolution(UUID customerId, boolean created, List<UUID> merged) {

    public Resolution {
        merged = List.copyOf(merged);
    }
}
